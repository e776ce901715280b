import { Text, View } from '@tarojs/components';
import { BRANCH_KIND_LABELS, type QuotaStatus, type Track } from '@contract/index';
import InlineState from '@/components/InlineState';
import { capLine, quotaLine, quotaWarning, sizeTiersText } from './rules';

export interface GradeCapView {
  levelKey: string;
  label: string;
  used: number;
  cap: number | null;
  base: number;
}

export interface CoverageView {
  required: number;
  covered: number;
  missing: { branchId: string; name: string; kind: 'staff' | 'student' | 'graduating' | 'retired' }[];
}

type Loadable<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: T };

const pct = (used: number, of: number | null) => (of ? Math.min(100, Math.round((used / of) * 100)) : 0);

/** 名额面板（A3、D5、E3）：已推荐/上限、最少数的提醒、按规模分档；推荐、取消、退回后实时刷新 */
export function QuotaPanel({ track, quota, onRetry }: { track: Track; quota: Loadable<QuotaStatus | null>; onRetry: () => void }) {
  const rule = track.quota.rule;
  const tiers = sizeTiersText(track);
  return (
    <View className='wb-panel' data-testid='quota-panel'>
      <View className='wb-panel__head'>
        <Text className='wb-panel__title'>推荐名额</Text>
        {quota.status === 'ready' && quota.data ? (
          <Text className='wb-panel__big' data-testid='quota-line'>
            {quotaLine(quota.data, rule)}
          </Text>
        ) : null}
      </View>
      {quota.status === 'loading' ? <InlineState kind='loading' testId='quota' /> : null}
      {quota.status === 'error' ? <InlineState kind='error' message={`名额读取失败：${quota.error}`} onRetry={onRetry} testId='quota' /> : null}
      {quota.status === 'ready' && !quota.data ? <Text className='wb-panel__muted'>本类别不限名额</Text> : null}
      {quota.status === 'ready' && quota.data ? <QuotaBody q={quota.data} rule={rule} tiers={tiers} /> : null}
    </View>
  );
}

function QuotaBody({ q, rule, tiers }: { q: QuotaStatus; rule: string; tiers: string | null }) {
  const w = quotaWarning(q, rule);
  return (
    <>
      {q.max !== null ? (
        <View className='wb-bar'>
          <View className='wb-bar__fill' style={{ width: `${pct(q.used, q.max)}%` }} />
        </View>
      ) : null}
      <Text className={w.tone === 'full' ? 'wb-panel__full' : w.tone === 'short' ? 'wb-panel__warn' : 'wb-panel__line'} data-testid='quota-warning' data-tone={w.tone}>
        {w.text}
      </Text>
      <Text className='wb-panel__muted'>{q.rule}</Text>
      {tiers ? (
        <Text className='wb-panel__muted' data-testid='quota-tiers'>
          按支部规模（D5）：{tiers}
        </Text>
      ) : null}
      {q.usedBy.map((u) => (
        <Text key={u.entryId} className='wb-panel__line'>
          · 《{u.title || '未命名'}》（{u.entrantName}）
        </Text>
      ))}
      {q.exemptUsed.map((u) => (
        <Text key={u.entryId} className='wb-panel__line'>
          · 《{u.title || '未命名'}》（{u.entrantName}）不占名额（D1）
        </Text>
      ))}
    </>
  );
}

/** 等级比例面板（B5）：“最佳 2/3（约30%，B5）”，定级后实时刷新 */
export function CapsPanel({ track, caps, onRetry }: { track: Track; caps: Loadable<GradeCapView[]>; onRetry: () => void }) {
  const levels = track.pipeline.outcome?.levels ?? [];
  return (
    <View className='wb-panel' data-testid='caps-panel'>
      <View className='wb-panel__head'>
        <Text className='wb-panel__title'>立项等级比例</Text>
      </View>
      {caps.status === 'loading' ? <InlineState kind='loading' testId='caps' /> : null}
      {caps.status === 'error' ? <InlineState kind='error' message={`比例读取失败：${caps.error}`} onRetry={onRetry} testId='caps' /> : null}
      {caps.status === 'ready' && !caps.data.length ? <Text className='wb-panel__muted'>本类别的等级没有比例上限</Text> : null}
      {caps.status === 'ready'
        ? caps.data.map((c) => {
            const percent = levels.find((l) => l.key === c.levelKey)?.capPercent ?? null;
            const full = c.cap !== null && c.used >= c.cap;
            return (
              <View key={c.levelKey}>
                <Text className={full ? 'wb-panel__full' : 'wb-panel__line'} data-testid='cap-line' data-level={c.levelKey}>
                  {capLine(c, percent)}
                  {full ? ' · 已满' : ''}
                </Text>
                <View className='wb-bar'>
                  <View className='wb-bar__fill' style={{ width: `${pct(c.used, c.cap)}%` }} />
                </View>
                <Text className='wb-panel__muted'>基数：本单位已提交 {c.base} 个项目</Text>
              </View>
            );
          })
        : null}
    </View>
  );
}

/** 立项全覆盖面板（B4）：教职工、学生支部中还没有项目的 */
export function CoveragePanel({ coverage, onRetry }: { coverage: Loadable<CoverageView | null>; onRetry: () => void }) {
  return (
    <View className='wb-panel' data-testid='coverage-panel'>
      <View className='wb-panel__head'>
        <Text className='wb-panel__title'>立项全覆盖（B4）</Text>
        {coverage.status === 'ready' && coverage.data ? (
          <Text className='wb-panel__big' data-testid='coverage-line'>
            {coverage.data.covered}/{coverage.data.required}
          </Text>
        ) : null}
      </View>
      {coverage.status === 'loading' ? <InlineState kind='loading' testId='coverage' /> : null}
      {coverage.status === 'error' ? <InlineState kind='error' message={`覆盖情况读取失败：${coverage.error}`} onRetry={onRetry} testId='coverage' /> : null}
      {coverage.status === 'ready' && coverage.data ? (
        coverage.data.missing.length ? (
          <View className='wb-panel__list'>
            <Text className='wb-panel__warn'>还有 {coverage.data.missing.length} 个支部没有提交项目：</Text>
            {coverage.data.missing.map((m) => (
              <View key={m.branchId} className='wb-panel__item' data-testid='coverage-missing'>
                <Text>{m.name}</Text>
                <Text className='adm-tag adm-tag--gold'>{BRANCH_KIND_LABELS[m.kind]}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className='wb-panel__line'>教职工、学生党支部均已提交项目</Text>
        )
      ) : null}
    </View>
  );
}

export type { Loadable };
