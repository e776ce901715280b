import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_ITEMS, DeployConfigError, loadDeployConfig, redacted, requireConfig } from '../../deploy/config';
import { describeCron, formatCst, nextFires, parseCron } from '../../deploy/cron';
import { ROOT } from '../../deploy/declarations';
import { SUBSCRIPTION_TEMPLATES } from '../../types/subscriptions';

/** 部署配置：一处读取，环境变量优先于被忽略的文件，缺什么就说出什么（中英双语） */

const NO_FILE = '/nonexistent/local.secrets.json';
const FULL = {
  WX_APPID: 'wx0123456789abcdef',
  CLOUD_ENV: 'prod-1a2b3c',
  WX_PRIVATE_KEY_PATH: 'package.json',
  TENCENTCLOUD_SECRETID: 'AKIDtest',
  TENCENTCLOUD_SECRETKEY: 'k',
  SUBSCRIBE_TEMPLATE_RESULT: 'tmpl-result-0123456789',
  SUBSCRIBE_TEMPLATE_CORRECTION: 'tmpl-correction-0123456789',
  SUBSCRIBE_TEMPLATE_DEADLINE: 'tmpl-deadline-0123456789',
  EXPORT_FONT_REGULAR_FILEID: 'cloud://prod-1a2b3c.7072-prod/fonts/NotoSansCJK-Regular.ttc',
  EXPORT_FONT_BOLD_FILEID: 'cloud://prod-1a2b3c.7072-prod/fonts/NotoSansCJK-Bold.ttc',
  SCHOOL_NAME: '北辰大学',
};

function tmpFile(content: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-config-'));
  const f = path.join(dir, 'local.secrets.json');
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

describe('deploy configuration', () => {
  it('with nothing configured, names every required item with its environment variable', () => {
    const loaded = loadDeployConfig({ env: {}, secretsFile: NO_FILE });
    const required = CONFIG_ITEMS.filter((i) => !i.optional);
    expect(loaded.problems.map((p) => p.item.env).sort()).toEqual(required.map((i) => i.env).sort());
    expect(() => requireConfig(loaded, ['build', 'upload', 'cloudApi', 'subscriptions'])).toThrow(DeployConfigError);
    try {
      requireConfig(loaded, ['upload']);
    } catch (err) {
      const msg = (err as Error).message;
      // 只列这一组步骤需要的：上传要 AppID、云环境、上传密钥
      expect(msg).toMatch(/部署配置不完整，共 3 项 \/ deployment configuration incomplete \(3\)/);
      for (const env of ['WX_APPID', 'CLOUD_ENV', 'WX_PRIVATE_KEY_PATH']) expect(msg).toContain(`环境变量 ${env}`);
      expect(msg).not.toContain('TENCENTCLOUD_SECRETID');
      expect(msg).toContain('config/local.secrets.json');
    }
  });

  it('a complete environment passes; optional items may be absent; app title defaults', () => {
    const loaded = loadDeployConfig({ env: FULL, secretsFile: NO_FILE });
    expect(loaded.problems).toEqual([]);
    const cfg = requireConfig(loaded, ['build', 'upload', 'cloudApi', 'subscriptions', 'officialAccount']);
    expect(cfg.subscriptions.result.templateId).toBe('tmpl-result-0123456789');
    expect(cfg.school).toEqual({ name: '北辰大学', appTitle: '基层党建' });
    expect(cfg.officialAccount).toEqual({});
  });

  it('reads the ignored file; the environment wins over it; secrets are never printed', () => {
    const file = tmpFile({ appId: 'wxffffffffffffffff', cloudEnv: 'file-env-1', tencentCloud: { secretId: 'from-file', secretKey: 'file-secret-value' } });
    const loaded = loadDeployConfig({ env: { CLOUD_ENV: 'env-wins-1' }, secretsFile: file });
    expect(loaded.config.appId).toBe('wxffffffffffffffff');
    expect(loaded.config.cloudEnv).toBe('env-wins-1');
    expect(loaded.sources).toMatchObject({ appId: 'file', cloudEnv: 'env', 'tencentCloud.secretKey': 'file' });
    expect(JSON.stringify(redacted(loaded))).not.toContain('file-secret-value');
  });

  it('rejects malformed values and unknown keys, and a half-filled pair names the other half', () => {
    const file = tmpFile({ appId: 'not-an-appid', schol: { name: 'x' }, officialAccount: { appId: 'wx0123456789abcdef' } });
    const loaded = loadDeployConfig({ env: {}, secretsFile: file });
    const byKey = Object.fromEntries(loaded.problems.map((p) => [p.item.key, p]));
    expect(byKey.appId.kind).toBe('invalid');
    expect(byKey['schol.name'].kind).toBe('invalid');
    expect(byKey['officialAccount.appSecret']).toMatchObject({ kind: 'missing', detail: expect.stringMatching(/officialAccount\.appId/) });
    expect(() => loadDeployConfig({ env: {}, secretsFile: tmpFile('{ not json') })).toThrow(/不是合法的 JSON \/ is not valid JSON/);
  });

  it('template parameter names, when given, must match the field layout the code sends', () => {
    const ok = loadDeployConfig({ env: { ...FULL, SUBSCRIBE_FIELDS_RESULT: 'thing1,thing2,thing3,time4' }, secretsFile: NO_FILE });
    expect(ok.problems).toEqual([]);
    const bad = loadDeployConfig({ env: { ...FULL, SUBSCRIBE_FIELDS_CORRECTION: 'thing1,thing3,time2,phrase4' }, secretsFile: NO_FILE });
    expect(bad.problems).toEqual([
      expect.objectContaining({ kind: 'invalid', item: expect.objectContaining({ env: 'SUBSCRIBE_FIELDS_CORRECTION' }), detail: expect.stringMatching(/代码按 thing1,thing2,time3,phrase4 发送（申报项目、补正事项、截止时间、办理状态），模板却是 thing1,thing3,time2,phrase4/) }),
    ]);
    expect(() => requireConfig(bad, ['subscriptions'])).toThrow(/SUBSCRIBE_FIELDS_CORRECTION/);
  });

  it('an upload key path that does not exist is reported', () => {
    const loaded = loadDeployConfig({ env: { ...FULL, WX_PRIVATE_KEY_PATH: 'config/nowhere.key' }, secretsFile: NO_FILE });
    expect(loaded.problems.map((p) => `${p.item.key}:${p.kind}`)).toEqual(['privateKeyPath:invalid']);
  });

  it('the committed example lists only known keys', () => {
    const example = path.join(ROOT, 'config/local.secrets.example.json');
    JSON.parse(readFileSync(example, 'utf8'));
    const loaded = loadDeployConfig({ env: {}, secretsFile: example });
    expect(loaded.problems.filter((p) => p.item.env === '-')).toEqual([]);
  });
});

describe('timer cron (7 fields, Beijing time)', () => {
  it('computes the next fires as Beijing wall time', () => {
    const c = parseCron('0 5 * * * * *');
    expect(nextFires(c, new Date('2026-11-30T16:04:59Z'), 2).map(formatCst)).toEqual(['2026-12-01 00:05:00', '2026-12-01 01:05:00']);
    expect(describeCron(c)).toBe('北京时间每小时第 5 分');
    const daily = parseCron('0 30 8 * * * *');
    expect(describeCron(daily)).toBe('北京时间每天 08:30');
    expect(describeCron(parseCron('0 0 9-21 * * * *'))).toBe('北京时间每天 09:00 至 21:00 每小时一次');
    expect(describeCron(parseCron('0 0 8,20 * * * *'))).toBe('北京时间每天 08:00、20:00');
    expect(nextFires(daily, new Date('2026-12-01T00:31:00Z'), 1).map(formatCst)).toEqual(['2026-12-02 08:30:00']);
    // 周一至周五 9 点（星期 0 = 周日）；2026-12-05 是周六
    const weekdays = parseCron('0 0 9 * * MON-FRI *');
    expect(nextFires(weekdays, new Date('2026-12-04T02:00:00Z'), 2).map(formatCst)).toEqual(['2026-12-07 09:00:00', '2026-12-08 09:00:00']);
  });

  it('rejects malformed expressions', () => {
    expect(() => parseCron('0 5 * * * *')).toThrow(/7 个字段/);
    expect(() => parseCron('60 5 * * * * *')).toThrow(/超出 0–59/);
    expect(() => parseCron('0 5 * * * * */0')).toThrow(/步长/);
    expect(() => parseCron('0 5 * 31-1 * * *')).toThrow(/起点大于终点/);
    expect(() => parseCron('0 x * * * * *')).toThrow(/不是数字/);
  });
});

describe('README 配置/部署 sections stay in step with the code', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## 配置\n'), readme.indexOf('## 包体积\n'));

  it('names every configuration item and its environment variable', () => {
    for (const item of CONFIG_ITEMS) {
      expect(section).toContain(`\`${item.env}\``);
      // 成对的项在表里写成 `tencentCloud.secretId` / `secretKey`
      expect({ key: item.key, inReadme: section.includes(`\`${item.key}\``) || section.includes(`\`${item.key.split('.').pop()}\``) }).toEqual({ key: item.key, inReadme: true });
    }
  });

  it('lists the subscription templates with the field layout the code sends', () => {
    for (const [key, t] of Object.entries(SUBSCRIPTION_TEMPLATES)) {
      const row = section.split('\n').find((l) => l.includes(`（\`${key}\`）`));
      expect(row).toBeDefined();
      expect(row).toContain(t.title);
      expect(row).toContain(t.fields.map((f) => `${f.label} \`${f.key}\``).join('，'));
    }
  });
});

describe('npm run deploy without --dry-run', () => {
  it('stops before touching anything when configuration is missing, naming each item', async () => {
    // 适配器（miniprogram-ci、manager-node）绝不能被加载
    jest.doMock('../../deploy/adapter', () => {
      throw new Error('adapter must not be loaded');
    });
    const { main } = await import('../../deploy/deploy');
    const lines: string[] = [];
    const run = main(['--bootstrap-admin'], { CLOUD_ENV: 'prod-1a2b3c' }, (s) => lines.push(s));
    await expect(run).rejects.toThrow(DeployConfigError);
    const err = (await run.catch((e) => e)) as DeployConfigError;
    for (const env of ['WX_APPID', 'WX_PRIVATE_KEY_PATH', 'TENCENTCLOUD_SECRETID', 'SUBSCRIBE_TEMPLATE_RESULT', 'EXPORT_FONT_BOLD_FILEID', 'SCHOOL_NAME', 'BOOTSTRAP_ADMIN_NAME']) {
      expect(err.message).toContain(env);
    }
    expect(err.message).not.toContain('环境变量 CLOUD_ENV）');
    expect(lines).toEqual([]);
  }, 120_000);
});
