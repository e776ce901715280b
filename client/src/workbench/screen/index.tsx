import { withSystemFont } from '@/components/SystemFont';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  blockingIssues,
  ENTRANT_LEVEL_LABELS,
  formatCst,
  TRANSITION_LABELS,
  type CampaignSummary,
  type Entry,
  type RuleResult,
  type Track,
  type TransitionAction,
} from '@contract/index';
import Deadline from '@/components/Deadline';
import RuleList from '@/components/RuleList';
import StateView from '@/components/StateView';
import StatusBadge from '@/components/StatusBadge';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import { toast } from '../../admin/shared/ui';
import ActionSheet from '../shared/ActionSheet';
import { daysUntil, defaultCorrectionDate, endOfCstDay } from '../shared/rules';
import '../../admin/shared/admin.scss';
import '../shared/workbench.scss';

interface Loaded {
  entry: Entry;
  campaign: CampaignSummary;
  results: RuleResult[];
  actions: TransitionAction[];
  track: Track | null;
}

/** 初审页处理的操作（评审、评定在评审管理里） */
const SCREEN_ACTIONS: readonly TransitionAction[] = ['pass', 'requestCorrection', 'disqualify', 'startReview'];

/**
 * 组织部初审一份材料（A8）：评选设定的审查清单逐项勾选，引擎的内容检查（字数、照片、扫描件、A1…）；
 * 通过、要求补正（期限按北京时间选日期，默认评选设定的天数，未勾选的清单项自动列为问题）、取消资格、进入评审。
 */
function ScreenEntryPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<string[]>([]);
  const [sheet, setSheet] = useState<TransitionAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const busyRef = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      if (!id) throw new CloudError('NOT_FOUND', '链接不完整，找不到这份材料');
      const res = await callFunction('entries', 'get', { id });
      let track: Track | null = null;
      try {
        const c = await callFunction('campaigns', 'get', { id: res.entry.campaignId });
        track = c.tracks.find((t) => t.key === res.entry.trackKey) ?? null;
      } catch {
        track = null; // 清单取不到时仍可看内容检查并操作
      }
      setData({ entry: res.entry, campaign: res.campaign, results: res.results, actions: res.actions, track });
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error && !data) return <StateView kind='error' message={error} onRetry={id ? load : undefined} />;
  if (!data) return <StateView kind='loading' />;

  const { entry, campaign, results, actions, track } = data;
  const checklist = track?.pipeline.screening?.checklist ?? [];
  const unchecked = checklist.filter((c) => !checked.includes(c));
  const days = track?.pipeline.screening?.correctionDays ?? 7;
  const blocking = blockingIssues(results);
  const shown = SCREEN_ACTIONS.filter((a) => actions.includes(a));
  const trackLabel = campaign.tracks.find((t) => t.key === entry.trackKey)?.label ?? '';

  const toggle = (item: string) => setChecked((list) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]));

  const startSheet = (action: TransitionAction) => {
    setSheetError(null);
    if (action === 'requestCorrection') setDate(defaultCorrectionDate(new Date(), days));
    setSheet(action);
  };

  const run = async ({ text }: { text: string; choice: string | null }) => {
    if (!sheet || busyRef.current) return;
    if (sheet === 'requestCorrection' && daysUntil(date, new Date()) < 0) return setSheetError('补正期限不能早于今天');
    busyRef.current = true;
    setBusy(true);
    setSheetError(null);
    try {
      if (sheet === 'pass') await callFunction('entries', 'pass', { id, note: text });
      else if (sheet === 'startReview') await callFunction('entries', 'startReview', { id });
      else if (sheet === 'disqualify') await callFunction('entries', 'disqualify', { id, note: text });
      else if (sheet === 'requestCorrection') await callFunction('entries', 'requestCorrection', { id, reason: text, items: unchecked, deadline: endOfCstDay(date) });
      toast(`已${TRANSITION_LABELS[sheet]}`);
      setSheet(null);
      await load();
    } catch (err) {
      setSheetError(messageOf(err));
      // 别人已处理（CONFLICT）：重读，页面显示最新状态与可做的操作
      if (err instanceof CloudError && err.code === 'CONFLICT') void load();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const left = date ? daysUntil(date, new Date()) : 0;
  // A8：待补正的材料在期限之内不能以逾期为由取消资格（云端同样拒绝），期限过后由定时任务自动取消
  const waiting = entry.status === 'correctionRequested' && !!entry.correction && Date.now() <= Date.parse(entry.correction.deadline);
  const name = `《${entry.content.title || '未命名'}》`;

  return (
    <View className='adm-page' data-testid='screen-page'>
      <View className='adm-header'>
        <Text className='adm-header__title' data-testid='screen-title'>
          {entry.content.title || '（未填写名称）'}
        </Text>
        <View className='adm-header__meta'>
          <StatusBadge status={entry.status} testId='screen-status' />
          <Text>
            {entry.entrantName}（{ENTRANT_LEVEL_LABELS[entry.entrantLevel]}）
          </Text>
          {entry.unitName !== entry.entrantName ? <Text>{entry.unitName}</Text> : null}
        </View>
        <View className='adm-header__meta'>
          <Text>
            {campaign.title}
            {trackLabel && campaign.tracks.length > 1 ? ` · ${trackLabel}` : ''}
          </Text>
          {entry.submittedAt ? <Text>提交于 {formatCst(entry.submittedAt)}</Text> : null}
        </View>
      </View>

      {entry.correction ? (
        <View className='wb-panel' data-testid='screen-correction'>
          <Text className='wb-panel__title'>补正要求（A8）{entry.status === 'correctionRequested' ? '' : ' · 已处理'}</Text>
          <Text className='wb-panel__line'>{entry.correction.reason}</Text>
          {entry.correction.items.map((item) => (
            <Text key={item} className='wb-panel__line'>
              · {item}
            </Text>
          ))}
          {entry.status === 'correctionRequested' ? <Deadline deadline={entry.correction.deadline} label='补正期限' testId='screen-deadline' /> : null}
        </View>
      ) : null}

      <Text className='adm-section-title'>审查清单{checklist.length ? `（${checked.length}/${checklist.length} 项已核对）` : ''}</Text>
      <View className='wb-panel' data-testid='screen-checklist'>
        {!track ? <Text className='wb-panel__muted'>暂时取不到评选的审查清单，可先看下方的内容检查</Text> : null}
        {track && !checklist.length ? <Text className='wb-panel__muted'>本类别没有设定审查清单</Text> : null}
        {checklist.map((item) => (
          <View key={item} className={`wb-check${checked.includes(item) ? ' wb-check--on' : ''}`} data-testid='check-item' data-checked={checked.includes(item) ? 'true' : 'false'} onClick={() => toggle(item)}>
            <Text className='wb-check__box'>{checked.includes(item) ? '✓' : ''}</Text>
            <Text>{item}</Text>
          </View>
        ))}
      </View>

      <Text className='adm-section-title'>内容检查{blocking.length ? `（${blocking.length} 项不符合）` : '（均符合）'}</Text>
      <View className='wb-panel'>
        <RuleList results={results} emptyText='没有检查项' testId='screen-rules' />
      </View>

      <View className='adm-btn adm-btn--block adm-btn--ghost' style={{ marginBottom: '20px' }} data-testid='open-preview' onClick={() => Taro.navigateTo({ url: `/entry/preview/index?id=${encodeURIComponent(id)}` })}>
        <Text>查看材料全文</Text>
      </View>

      {shown.length ? (
        <View data-testid='screen-actions'>
          {shown.map((a) =>
            a === 'disqualify' && waiting ? (
              <Text key={a} className='adm-banner adm-banner--info' data-testid='screen-waiting'>
                补正期限未到：期限过后仍未补正的，系统自动取消资格（A8）。
              </Text>
            ) : (
              <View
                key={a}
                className={`adm-btn adm-btn--block${a === 'pass' || a === 'startReview' ? '' : ' adm-btn--plain'}${busy ? ' adm-btn--disabled' : ''}`}
                style={{ marginBottom: '16px' }}
                data-testid={`screen-${a}`}
                onClick={() => startSheet(a)}
              >
                <Text>{TRANSITION_LABELS[a]}</Text>
              </View>
            ),
          )}
        </View>
      ) : (
        <Text className='adm-banner adm-banner--info' data-testid='screen-no-actions'>
          这份材料此刻没有需要组织部初审的操作（可能不在初审阶段或已处理）。
        </Text>
      )}

      {sheet === 'pass' ? (
        <ActionSheet
          title={`初审通过：${name}`}
          intro={
            unchecked.length || blocking.length ? (
              <Text className='wb-sheet__warn' data-testid='pass-warning'>
                {unchecked.length ? `还有 ${unchecked.length} 项清单未核对` : ''}
                {unchecked.length && blocking.length ? '；' : ''}
                {blocking.length ? `内容检查有 ${blocking.length} 项不符合` : ''}。确定通过吗？
              </Text>
            ) : (
              <Text>清单已全部核对，内容检查均符合。</Text>
            )
          }
          text={{ label: '意见（可不填）', placeholder: '', min: 0, max: 1000 }}
          confirmText='通过'
          busy={busy}
          error={sheetError}
          onConfirm={run}
          onCancel={() => setSheet(null)}
        />
      ) : null}
      {sheet === 'startReview' ? (
        <ActionSheet title={`进入评审：${name}`} intro={<Text>进入评审后由评委打分，材料不再修改。</Text>} confirmText='进入评审' busy={busy} error={sheetError} onConfirm={run} onCancel={() => setSheet(null)} />
      ) : null}
      {sheet === 'disqualify' ? (
        <ActionSheet
          title={`取消资格：${name}`}
          intro={<Text className='wb-sheet__warn'>逾期未补正或补正后仍不合格的，取消评选资格（A8）。此操作不可撤回。</Text>}
          text={{ label: '取消资格的原因', placeholder: '如 补正后仍不符合正文字数要求', min: 2, max: 1000 }}
          confirmText='取消资格'
          busy={busy}
          error={sheetError}
          onConfirm={run}
          onCancel={() => setSheet(null)}
        />
      ) : null}
      {sheet === 'requestCorrection' ? (
        <ActionSheet
          testId='correction-sheet'
          title={`要求补正：${name}`}
          intro={<Text>申报方会收到补正提醒（订阅消息）；逾期未补正的自动取消资格（A8）。</Text>}
          text={{ label: '需要补正的问题', placeholder: '写明不符合要求之处，申报方会看到', min: 2, max: 1000 }}
          extra={
            <View className='wb-sheet__block'>
              <Text className='wb-sheet__label'>补正期限（北京时间，默认 {days} 天）</Text>
              <Picker mode='date' value={date} start={defaultCorrectionDate(new Date(), 0)} data-testid='correction-date' onChange={(e) => setDate(String(e.detail.value))}>
                <View className='wb-picker' style={{ background: '#f7f7f7' }}>
                  <Text data-testid='correction-deadline-text'>
                    {date} 23:59:59 截止{left >= 0 ? `（${left === 0 ? '今天' : `${left} 天后`}）` : ''}
                  </Text>
                  <Text>▾</Text>
                </View>
              </Picker>
              {unchecked.length ? (
                <>
                  <Text className='wb-sheet__label' style={{ marginTop: '16px' }}>
                    未核对的清单项将一并列为问题（{unchecked.length} 项）：
                  </Text>
                  {unchecked.map((u) => (
                    <Text key={u} className='wb-panel__line' data-testid='correction-item'>
                      · {u}
                    </Text>
                  ))}
                </>
              ) : null}
            </View>
          }
          confirmText='发出补正要求'
          busy={busy}
          error={sheetError}
          onConfirm={run}
          onCancel={() => setSheet(null)}
        />
      ) : null}
    </View>
  );
}

export default withSystemFont(ScreenEntryPage);
