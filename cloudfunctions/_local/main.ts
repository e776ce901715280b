import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildDemoData } from './demo';
import { startLocalCloud } from './runtime';
import { seedDemoDataOnce } from './seed';
import { createLocalServer } from './server';

/** npm start：本地云运行时 + H5 静态文件，首次启动写入演示数据 */
async function main() {
  const root = path.resolve(__dirname, '../..');
  const port = Number(process.env.PORT ?? 8080);
  const dataDir = path.resolve(root, process.env.LOCAL_DATA_DIR ?? '.data');
  await mkdir(dataDir, { recursive: true });
  const fileSecret = await persistentSecret(path.join(dataDir, 'file-secret'));
  const baseUrl = `http://localhost:${port}`;
  const cloud = await startLocalCloud({ dataDir, env: 'local', baseUrl, fileSecret });
  const demo = buildDemoData();
  if (await seedDemoDataOnce(cloud.database.db, cloud.clock.now(), demo)) console.log('已写入演示数据（北辰大学与五份通知）');
  const server = createLocalServer({ cloud, demo, staticDir: path.join(root, 'dist/h5') });
  server.listen(port, () => {
    console.log(`本地运行时已启动：${baseUrl}/  （切换演示身份：${baseUrl}/local/signin）`);
  });
  const stop = async () => {
    server.close();
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function persistentSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('hex');
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

main().catch((err) => {
  console.error('本地运行时启动失败：', err);
  process.exit(1);
});
