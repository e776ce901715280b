import { useCallback, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  COMMENT_MAX_ZI, COMMENT_MIN_ZI, countZi, REDACTED_FIELDS, rubricMax, SCORE_STEP, scoreIssues,
  type Assignment, type Criterion, type OutputOf, type RedactedField, type reviewsContract, type ScoreRow,
} from '@contract/index';
import { Button } from '@/components/Button';
import Deadline from '@/components/Deadline';
import ScoreCriterion from '@/components/ScoreCriterion';
import InlineState from '@/components/InlineState';
import StateView from '@/components/StateView';
import { withSystemFont } from '@/components/SystemFont';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import EntryView from '../../entry/shared/EntryView';
import { fmtScore } from '@/services/score-format';
import '../shared/review.scss';

type Opened = OutputOf<typeof reviewsContract, 'getAssigned'>;
type Scores = OutputOf<typeof reviewsContract, 'scoresFor'>;
type Sheet = Record<string, number | undefined>;

/** 提交后：我的与其他评委已提交的评分（其他评委以“评委 N”称呼） */
function ScoreBoard({ scores, rubric }: { scores: Scores; rubric: Criterion[] }) {
  const label = (key: string) => rubric.find((c) => c.key === key)?.label ?? key;
  const rows = [...scores.rows].sort((a, b) => Number(b.mine) - Number(a.mine));
  const others = rows.filter((r) => !r.mine);
  return (
    <View className='rv-card' data-testid='score-board'>
      <View className='rv-card__row'>
        <Text className='rv-card__title rv-card__body'>评分情况</Text>
        {scores.mean !== null ? <Text className='rv-tag rv-tag--gold' data-testid='score-mean'>已提交平均 {fmtScore(scores.mean)}</Text> : null}
      </View>
      {rows.map((r: ScoreRow) => (
        <View key={r.reviewerLabel} className='rv-score-row' data-testid={r.mine ? 'my-score' : 'other-score'}>
          <View className='rv-score-row__head'>
            <Text>{r.mine ? '我的评分' : r.reviewerLabel}</Text>
            <Text>{fmtScore(r.total)} 分</Text>
          </View>
          <Text className='rv-score-row__items'>{Object.entries(r.scores).map(([k, v]) => `${label(k)} ${fmtScore(v)}`).join(' · ')}</Text>
          {r.comment ? <Text className='rv-score-row__comment'>{r.comment}</Text> : null}
        </View>
      ))}
      {!others.length ? <Text className='rv-card__meta'>其他评委尚未提交。</Text> : null}
    </View>
  );
}

/**
 * 函评打分（C1.5，评分细则 A2/C2）：上方是材料（EntryView；匿名评审时已隐去申报单位等，并写明隐去了什么），
 * 下方逐项打分（说明与满分，0.5 分一档），评语 10–500 字（按字数计），暂存或提交（提交前确认，提交后定稿）。
 * 提交后才显示其他评委已提交的评分；截止（北京时间）与不能打分的原因写在页面上。
 */
function ScorePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [opened, setOpened] = useState<Opened | null>(null);
  const [scores, setScores] = useState<Scores | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sheet, setSheet] = useState<Sheet>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'save' | 'submit' | 'conflict' | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [showIssues, setShowIssues] = useState(false);
  // 申请回避（C1.5）：评委发现与申报方有利害关系时自己声明，指派随即撤回
  const [conflictOpen, setConflictOpen] = useState(false);
  const [conflictReason, setConflictReason] = useState('');
  const [conflictError, setConflictError] = useState<string | null>(null);
  const [recused, setRecused] = useState(false);

  const adopt = useCallback((a: Assignment) => {
    setSheet({ ...a.scores });
    setComment(a.comment);
  }, []);

  const load = useCallback(async () => {
    setError(null);
    try {
      if (!id) throw new CloudError('NOT_FOUND', '链接不完整，找不到这份评审');
      const res = await callFunction('reviews', 'getAssigned', { assignmentId: id });
      setOpened(res);
      adopt(res.assignment);
      setScores(res.assignment.status === 'submitted' ? await callFunction('reviews', 'scoresFor', { entryId: res.entry.entryId }) : null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [id, adopt]);

  useDidShow(() => {
    load();
  });
  usePullDownRefresh(async () => {
    await load();
    Taro.stopPullDownRefresh();
  });

  if (error && !opened) return <StateView kind='error' message={error} onRetry={id ? load : undefined} />;
  if (!opened) return <StateView kind='loading' />;

  const { assignment, rubric, entry } = opened;
  const submitted = assignment.status === 'submitted';
  const editable = opened.canScore && !submitted;
  const filledScores = Object.fromEntries(Object.entries(sheet).filter((e): e is [string, number] => e[1] !== undefined));
  const total = Object.values(filledScores).reduce((a, b) => a + b, 0);
  const issues = scoreIssues(rubric, filledScores, comment, true);
  const issueOf = (path: string) => (showIssues ? issues.find((i) => i.path === path)?.message : undefined);
  const zi = countZi(comment.trim());

  const save = async () => {
    setBusy('save');
    setNotice(null);
    try {
      const res = await callFunction('reviews', 'saveScore', { assignmentId: id, expectedVersion: assignment.version, scores: filledScores, comment });
      setOpened({ ...opened, assignment: res.assignment });
      setNotice({ kind: 'ok', text: `已暂存（${res.assignment.updatedAt.slice(11, 16)}），提交前可随时修改` });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    setShowIssues(true);
    if (issues.length) {
      setNotice({ kind: 'error', text: `还有 ${issues.length} 处需要完善：${issues[0].message}` });
      return;
    }
    const ok = await Taro.showModal({
      title: '确认提交评分',
      content: `《${entry.content.title || '未命名'}》总分 ${fmtScore(total)} / ${fmtScore(rubricMax(rubric))}。提交后不能修改，如需修改须由组织部退回。`,
      confirmText: '提交',
      confirmColor: '#c8161d',
      cancelText: '再看看',
    });
    if (!ok.confirm) return;
    setBusy('submit');
    setNotice(null);
    try {
      const res = await callFunction('reviews', 'submitScore', { assignmentId: id, expectedVersion: assignment.version, scores: filledScores, comment });
      setOpened({ ...opened, assignment: res.assignment, canScore: false });
      setScores(await callFunction('reviews', 'scoresFor', { entryId: entry.entryId }));
      Taro.showToast({ title: '已提交', icon: 'success', duration: 1500 });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const declareConflict = async () => {
    if (busy) return;
    if (countZi(conflictReason.trim()) < 2) {
      setConflictError('请写明回避原因（至少 2 个字）');
      return;
    }
    setBusy('conflict');
    setConflictError(null);
    try {
      await callFunction('reviews', 'declareConflict', { campaignId: assignment.campaignId, entryId: entry.entryId, reason: conflictReason.trim() });
      setRecused(true);
      setConflictOpen(false);
      Taro.showToast({ title: '已回避', icon: 'success' });
    } catch (err) {
      setConflictError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  if (recused) {
    return (
      <View className='rv-page' data-testid='score-page'>
        <View className='rv-banner rv-banner--done' data-testid='recused-note'>
          <Text className='rv-banner__title'>已申请回避</Text>
          <Text>这份材料的指派已撤回，组织部会另请评委评审；回避记录可在组织部的回避名单里查到。</Text>
        </View>
        <Button className='rv-btn rv-btn--plain' data-testid='back-to-mine' onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/review/mine/index' }))}>
          返回我的评审
        </Button>
      </View>
    );
  }

  return (
    <View className='rv-page' data-testid='score-page'>
      <View className='rv-header'>
        <Text className='rv-header__title' data-testid='score-title'>{entry.content.title || '未命名'}</Text>
        <Text className='rv-header__meta'>
          {opened.campaignTitle} · {opened.trackLabel}
        </Text>
      </View>
      {opened.deadline && !submitted ? <Deadline deadline={opened.deadline} label='函评截止' testId='score-deadline' /> : null}
      {opened.anonymous ? (
        <View className='rv-banner rv-banner--info' data-testid='anonymous-note'>
          <Text className='rv-banner__title'>匿名评审</Text>
          <Text>已隐去：{(opened.redacted as RedactedField[]).filter((k) => k in REDACTED_FIELDS).map((k) => REDACTED_FIELDS[k]).join('；')}。请只依据材料内容评分。</Text>
        </View>
      ) : null}
      {submitted ? (
        <View className='rv-banner rv-banner--done' data-testid='submitted-note'>
          <Text className='rv-banner__title'>已提交 · {fmtScore(assignment.total)} 分</Text>
          <Text>提交于 {assignment.submittedAt?.replace('T', ' ').slice(0, 16)}（北京时间）。评分已定稿，如需修改请联系组织部退回。</Text>
        </View>
      ) : !opened.canScore && opened.whyNot ? (
        <View className='rv-banner rv-banner--warn' data-testid='cannot-score'>
          <Text>{opened.whyNot}</Text>
        </View>
      ) : null}

      <EntryView content={entry.content} form={opened.form} entrantName={entry.entrantName ?? '（匿名评审）'} unitName={entry.unitName ?? undefined} urls={opened.fileUrls} />

      {submitted && scores ? <ScoreBoard scores={scores} rubric={rubric} /> : null}

      {!submitted ? (
        <View data-testid='score-sheet'>
          <Text className='rv-section-title'>评分细则（每项 0 到满分，{SCORE_STEP} 分一档）</Text>
          {rubric.map((c) => (
            // 直接输入的原数照记，超出满分或不在一档上的由 scoreIssues 在提交前指出
            <ScoreCriterion
              key={c.key}
              classPrefix='rv'
              criterion={c}
              step={SCORE_STEP}
              value={sheet[c.key]}
              placeholder={`0–${fmtScore(c.maxScore)}`}
              error={issueOf(`scores.${c.key}`)}
              disabled={!editable}
              onChange={(v) => setSheet((s) => ({ ...s, [c.key]: v }))}
            />
          ))}
          <View className='rv-card'>
            <Text className='rv-criterion__label'>评语</Text>
            <Text className='rv-criterion__desc'>写明亮点与不足，{COMMENT_MIN_ZI}–{COMMENT_MAX_ZI} 字；组织部评定时参考。</Text>
            <Textarea
              className='rv-comment'
              value={comment}
              disabled={!editable}
              maxlength={-1}
              placeholder='如：选题聚焦，做法可推广；成效部分缺少数据。'
              data-testid='comment'
              onInput={(e) => setComment(e.detail.value)}
            />
            <Text className={`rv-counter${zi > COMMENT_MAX_ZI || (showIssues && zi < COMMENT_MIN_ZI) ? ' rv-counter--warn' : ''}`} data-testid='comment-counter'>
              {zi} / {COMMENT_MAX_ZI} 字{zi < COMMENT_MIN_ZI ? `（至少 ${COMMENT_MIN_ZI} 字）` : ''}
            </Text>
            {issueOf('comment') ? <Text className='rv-criterion__error'>{issueOf('comment')}</Text> : null}
          </View>
          {editable ? (
            <View className='rv-card' data-testid='conflict-card'>
              {conflictOpen ? (
                <>
                  <Text className='rv-criterion__label'>申请回避</Text>
                  <Text className='rv-criterion__desc'>与申报单位、支部或申报人有利害关系（如本人所在单位、指导过该项目）时回避（C1.5）。声明后这份材料不再由你评审。</Text>
                  <Textarea
                    className='rv-comment'
                    value={conflictReason}
                    maxlength={-1}
                    placeholder='如：本人曾指导该支部开展此项目'
                    data-testid='conflict-reason'
                    onInput={(e) => {
                      setConflictReason(e.detail.value);
                      setConflictError(null); // 改了原因，上一次的提示不再适用
                    }}
                  />
                  <Text className='rv-counter' data-testid='conflict-counter'>
                    {countZi(conflictReason)} 字（至少 2 字，最多 500 字）
                  </Text>
                  {conflictError ? <InlineState kind='error' message={conflictError} testId='conflict' /> : null}
                  <View className='rv-card__row'>
                    <Button className='rv-btn rv-btn--plain' data-testid='conflict-cancel' disabled={!!busy} onClick={() => setConflictOpen(false)}>
                      取消
                    </Button>
                    <Button className='rv-btn rv-btn--primary' data-testid='conflict-confirm' disabled={!!busy} loading={busy === 'conflict'} onClick={declareConflict}>
                      确认回避
                    </Button>
                  </View>
                </>
              ) : (
                <View data-testid='conflict-open' onClick={() => setConflictOpen(true)}>
                  <Text className='rv-card__meta'>与申报方有利害关系？申请回避 ›</Text>
                </View>
              )}
            </View>
          ) : null}
          {notice ? (
            notice.kind === 'error' ? (
              <InlineState kind='error' message={notice.text} testId='score-notice' />
            ) : (
              <View className='rv-banner rv-banner--done' data-testid='score-saved'>
                <Text>{notice.text}</Text>
              </View>
            )
          ) : null}
          {editable ? (
            <View className='rv-submitbar'>
              <Text className='rv-submitbar__total' data-testid='total'>
                合计 <Text className='rv-submitbar__num'>{fmtScore(total)}</Text> / {fmtScore(rubricMax(rubric))}
              </Text>
              <Button className='rv-btn rv-btn--plain' data-testid='save-draft' disabled={!!busy} loading={busy === 'save'} onClick={save}>
                暂存
              </Button>
              <Button className='rv-btn rv-btn--primary' data-testid='submit-score' disabled={!!busy} loading={busy === 'submit'} onClick={submit}>
                提交评分
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

export default withSystemFont(ScorePage);
