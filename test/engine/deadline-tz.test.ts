import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * 截止时间与进程时区无关：把 deadline-boundary.test.ts 放到别的时区的子进程里再跑一遍
 * （jest 启动后改 process.env.TZ 不可靠，所以另起进程）。
 * - UTC：云函数运行环境的默认时区（issue 8 点名）；
 * - America/New_York：负偏移、有夏令时；
 * - Pacific/Kiritimati：+14，比北京时间早 6 小时进入新的一天，无夏令时。
 * 每个时区下每条边界测试都必须通过。
 */

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const JEST = path.join(ROOT, 'node_modules/jest/bin/jest.js');
const BOUNDARY = 'test/engine/deadline-boundary.test.ts';
const ZONES = ['UTC', 'America/New_York', 'Pacific/Kiritimati'] as const;
type Zone = (typeof ZONES)[number];

interface JestJson {
  numTotalTests: number;
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

const results = new Map<Zone, Map<string, { status: string; failure: string }>>();
const offsets = new Map<Zone, number>();
let tmp = '';

function childEnv(tz: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: tz };
  delete env.JEST_WORKER_ID;
  return env;
}

async function runIn(tz: Zone): Promise<void> {
  const out = path.join(tmp, `${tz.replace('/', '_')}.json`);
  try {
    // 子进程里第一条测试要建夹具（含生成 xlsx 导入文件，首次加载 exceljs）：负载高时 5 秒默认超时不够
    await run(process.execPath, [JEST, BOUNDARY, '--selectProjects', 'node', '--ci', '--json', '--testTimeout=30000', `--outputFile=${out}`], { cwd: ROOT, env: childEnv(tz), timeout: 150_000, maxBuffer: 16 * 1024 * 1024 });
  } catch {
    // 有测试失败时 jest 以非零退出：结果仍在 outputFile 里，逐条判断
  }
  const json = JSON.parse(await readFile(out, 'utf8')) as JestJson;
  const byTitle = new Map<string, { status: string; failure: string }>();
  for (const r of json.testResults.flatMap((f) => f.assertionResults)) byTitle.set(r.title, { status: r.status, failure: r.failureMessages.join('\n').slice(0, 600) });
  results.set(tz, byTitle);
  // 子进程里 Node 确实用的是这个时区
  const { stdout } = await run(process.execPath, ['-e', 'process.stdout.write(String(new Date("2026-07-01T00:00:00Z").getTimezoneOffset()))'], { env: childEnv(tz) });
  offsets.set(tz, Number(stdout));
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'deadline-tz-'));
  await Promise.all(ZONES.map(runIn));
}, 180_000); // 三个子进程各跑一遍 jest：机器繁忙时单个就要半分钟以上

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const status = (tz: Zone, titleStart: string) => {
  const hits = [...results.get(tz)!.entries()].filter(([title]) => title.startsWith(titleStart));
  expect(hits).toHaveLength(1);
  return hits[0][1];
};

const BOUNDARIES = ['A4: submitting at 2021-11-30', 'B3: the unit summary is accepted at 2022-04-01 17:00:00', 'C4: submitting at 2021-04-14 17:00:00', 'D6: submitting at 2024-05-06', 'E3: an activity is submitted at 2014-06-02', 'C4/A4/B3/D6: stageOpen'];
const DST = ['CST helpers: an instant a few hours before a foreign DST switch', 'A8: the default correction deadline is 23:59:59 CST on the 7th day'];

describe('deadline boundaries in other process time zones', () => {
  it('the child processes really ran in UTC, America/New_York (UTC−4 in July) and Pacific/Kiritimati (UTC+14), with every boundary test', () => {
    expect(offsets.get('America/New_York')).toBe(240);
    expect(offsets.get('Pacific/Kiritimati')).toBe(-840);
    expect(offsets.get('UTC')).toBe(0);
    for (const tz of ZONES) expect(results.get(tz)!.size).toBe(BOUNDARIES.length + DST.length);
  });

  describe.each(ZONES)('TZ=%s', (tz) => {
    it.each(BOUNDARIES)('A4/B3/C4/D6/E3 deadline boundary still exact to the CST second: %s…', (title) => {
      expect(status(tz, title)).toEqual({ status: 'passed', failure: '' });
    });
  });

  it.each(DST)('TZ=UTC (the cloud function default): %s…', (title) => {
    expect(status('UTC', title)).toEqual({ status: 'passed', failure: '' });
  });

  it.each(DST)('TZ=Pacific/Kiritimati (no DST): %s…', (title) => {
    expect(status('Pacific/Kiritimati', title)).toEqual({ status: 'passed', failure: '' });
  });

  // 曾经的缺陷：dayjs 的 utcOffset(480) 借本机时区做中间计算，New York 下跨夏令时切换差一小时；
  // 现在北京时间的计算都在 UTC 模式的“墙上时间”上进行（types/time.ts cstWall）。
  it.each(DST)('TZ=America/New_York (DST): %s…', (title) => {
    expect(status('America/New_York', title)).toEqual({ status: 'passed', failure: '' });
  });
});
