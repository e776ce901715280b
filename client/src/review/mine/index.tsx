import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ASSIGNMENT_STATUS_LABELS, type MyAssignment } from '@contract/index';
import Deadline from '@/components/Deadline';
import StateView from '@/components/StateView';
import { withSystemFont } from '@/components/SystemFont';
import { callFunction, messageOf } from '@/services/cloud';
import { fmtScore } from '@/services/score-format';
import '../shared/review.scss';

interface Loaded {
  items: MyAssignment[];
  done: number;
  total: number;
}

const TAG: Record<MyAssignment['status'], string> = { assigned: 'rv-tag--red', draft: 'rv-tag--gold', submitted: 'rv-tag--green' };

/** 分组：待评（评审中、未提交）在前，其次尚未开始或已结束的未交，最后已提交 */
function groups(items: MyAssignment[]) {
  return [
    { key: 'todo', title: '待评分', items: items.filter((i) => i.open && i.status !== 'submitted') },
    { key: 'closed', title: '暂不能评分（尚未开始或评审已结束）', items: items.filter((i) => !i.open && i.status !== 'submitted') },
    { key: 'done', title: '已提交', items: items.filter((i) => i.status === 'submitted') },
  ].filter((g) => g.items.length);
}

function AssignmentCard({ item }: { item: MyAssignment }) {
  return (
    <View
      className='rv-card rv-card--link'
      data-testid='assignment'
      onClick={() => Taro.navigateTo({ url: `/review/score/index?id=${encodeURIComponent(item.assignmentId)}` })}
    >
      <View className='rv-card__row'>
        <View className='rv-card__body'>
          <Text className='rv-card__title'>{item.title}</Text>
          <View className='rv-card__meta'>
            <Text className={`rv-tag ${TAG[item.status]}`} data-testid='assignment-status'>
              {ASSIGNMENT_STATUS_LABELS[item.status]}
            </Text>
            <Text>{item.entrantName ?? '匿名评审'}</Text>
            {item.status !== 'assigned' ? (
              <Text>
                {fmtScore(item.total)} / {fmtScore(item.maxTotal)} 分
              </Text>
            ) : null}
          </View>
          <Text className='rv-card__meta'>
            {item.campaignTitle} · {item.trackLabel}
          </Text>
          {item.deadline && item.status !== 'submitted' && item.open ? <Deadline deadline={item.deadline} label='函评截止' testId='assignment-deadline' /> : null}
        </View>
        <Text className='rv-card__chevron'>›</Text>
      </View>
    </View>
  );
}

/**
 * 我的评审（评委，C1.5）：指派给我的材料与进度（已提交 x / y），每份的状态与函评截止（北京时间，
 * 不足 24 小时标红）；只列组织部指派给我的——本单位的材料与声明回避的从不出现在这里。
 */
function MyReviewsPage() {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await callFunction('reviews', 'mine', {}));
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  // 从评分页返回时刷新状态与分数
  useDidShow(() => {
    load();
  });
  usePullDownRefresh(async () => {
    await load();
    Taro.stopPullDownRefresh();
  });

  if (error && !data) return <StateView kind='error' message={error} onRetry={load} />;
  if (!data) return <StateView kind='loading' />;
  if (!data.total) return <StateView kind='empty' message='暂无指派给您的评审材料。组织部指派后会出现在这里，并通过“截止时间提醒”通知您。' />;
  const percent = Math.round((data.done / data.total) * 100);
  return (
    <View className='rv-page' data-testid='my-reviews'>
      <View className='rv-header'>
        <Text className='rv-header__title'>我的评审</Text>
        <Text className='rv-header__meta'>请逐项打分并写评语；提交后不能修改，其他评委的评分在您提交后可见。</Text>
        <View className='rv-progress'>
          <View className='rv-progress__bar'>
            <View className='rv-progress__fill' style={{ width: `${percent}%` }} />
          </View>
          <Text className='rv-progress__text' data-testid='review-progress'>
            已提交 {data.done} / {data.total} 份
          </Text>
        </View>
      </View>
      {groups(data.items).map((g) => (
        <View key={g.key} data-testid={`group-${g.key}`}>
          <Text className='rv-section-title'>
            {g.title}（{g.items.length}）
          </Text>
          {g.items.map((item) => (
            <AssignmentCard key={item.assignmentId} item={item} />
          ))}
        </View>
      ))}
    </View>
  );
}

export default withSystemFont(MyReviewsPage);
