/**
 * kill -9 测试的子进程：在给定目录上打开本地数据库，不停写入，
 * 每个写入被确认（promise resolve）之后才在 stdout 打印一行：
 *   add <_id>      普通插入
 *   inc <n>        计数器第 n 次 _.inc(1)
 *   tx <i>         一个同时插入 a<i> 与 b<i> 的事务已提交
 * 父进程随时 SIGKILL 它，然后检查打印过的写入都在。
 * 用法：node --import tsx crash-writer.ts <dir>
 */
import { openLocalDatabase } from '../../../cloudfunctions/_local/db';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: crash-writer.ts <dir>');
  const { db } = await openLocalDatabase({ dir });
  const _ = db.command;
  await db.collection('counter').doc('c').set({ data: { n: 0 } });
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    const { _id } = await db.collection('burst').add({ data: { i, at: new Date(), pad: 'x'.repeat(300) } });
    process.stdout.write(`add ${_id}\n`);
    await db.collection('counter').doc('c').update({ data: { n: _.inc(1) } });
    process.stdout.write(`inc ${i + 1}\n`);
    if (i % 3 === 0) {
      await db.runTransaction(async (tx) => {
        await tx.collection('pairs').add({ data: { _id: `a${i}` } });
        await tx.collection('pairs').add({ data: { _id: `b${i}` } });
      });
      process.stdout.write(`tx ${i}\n`);
    }
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
