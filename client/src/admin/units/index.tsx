import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { UNIT_KINDS, UNIT_KIND_LABELS, type Unit } from '@contract/index';
import StateView from '@/components/StateView';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { isDeptAdmin, useMe } from '../shared/session';
import { confirmAction, stopThen, toast } from '../shared/ui';
import '../shared/admin.scss';
import './index.scss';

type VUnit = Unit & { version: number };

interface UnitsState {
  status: 'loading' | 'ready' | 'error';
  units: VUnit[];
  error?: string;
}

/** 单位管理（组织部）：全部二级党组织，可含已撤销；新增、更名、撤销单位 */
function UnitsPage() {
  const me = useMe();
  const canEdit = isDeptAdmin(me);
  const [includeRetired, setIncludeRetired] = useState(false);
  const [state, setState] = useState<UnitsState>({ status: 'loading', units: [] });

  const load = useCallback(async (withRetired: boolean) => {
    setState((s) => ({ ...s, status: s.units.length ? s.status : 'loading', error: undefined }));
    try {
      const res = await callFunction('org', 'listUnits', { includeRetired: withRetired });
      // 学院党委、分党委、直属党总支依次排列（同类内保持服务端的名称顺序）；已撤销的置后
      const rank = (u: VUnit) => (u.active ? 0 : 10) + UNIT_KINDS.indexOf(u.kind);
      setState({ status: 'ready', units: [...res.units].sort((a, b) => rank(a) - rank(b)) });
    } catch (err) {
      setState({ status: 'error', units: [], error: messageOf(err) });
    }
  }, []);

  useDidShow(() => {
    load(includeRetired);
  });
  usePullDownRefresh(async () => {
    await load(includeRetired);
    Taro.stopPullDownRefresh();
  });

  const toggleRetired = () => {
    const next = !includeRetired;
    setIncludeRetired(next);
    load(next);
  };

  const retire = async (u: VUnit) => {
    if (!(await confirmAction('撤销单位', `确定撤销“${u.name}”吗？撤销后不再出现在单位列表中，历史材料仍保留在原单位名下。`, '撤销'))) return;
    try {
      await callFunction('org', 'retireUnit', { unitId: u._id });
      toast('已撤销');
      load(includeRetired);
    } catch (err) {
      toast(messageOf(err));
    }
  };

  const open = (u: VUnit) => Taro.navigateTo({ url: `/admin/unit/index?id=${encodeURIComponent(u._id)}` });
  const edit = (id?: string) => Taro.navigateTo({ url: id ? `/admin/unit-edit/index?id=${encodeURIComponent(id)}` : '/admin/unit-edit/index' });

  const active = state.units.filter((u) => u.active).length;

  return (
    <View className='adm-page units-page'>
      {canEdit ? (
        <View className='adm-card' data-testid='entry-import' onClick={() => Taro.navigateTo({ url: '/admin/import/index' })}>
          <View className='adm-card__row'>
            <Text className='adm-card__title adm-card__body'>批量导入/导出</Text>
            <Text className='adm-card__chevron'>›</Text>
          </View>
          <View className='adm-card__meta'>
            <Text>用 Excel 工作簿批量维护单位、党总支、支部与人员</Text>
          </View>
        </View>
      ) : null}
      <View className='adm-toolbar'>
        <Text className='adm-toolbar__title'>
          {state.status === 'ready' ? `二级党组织 ${active} 个${includeRetired && state.units.length > active ? `（另有已撤销 ${state.units.length - active} 个）` : ''}` : '二级党组织'}
        </Text>
        <View className='adm-toolbar__actions'>
          <View
            className={`units-page__toggle${includeRetired ? ' units-page__toggle--on' : ''}`}
            data-testid='toggle-retired'
            onClick={toggleRetired}
          >
            <Text>{includeRetired ? '✓ ' : ''}含已撤销</Text>
          </View>
          {canEdit ? (
            <View className='adm-btn' data-testid='add-unit' onClick={() => edit()}>
              <Text>＋ 新增</Text>
            </View>
          ) : null}
        </View>
      </View>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error} onRetry={() => load(includeRetired)} /> : null}
      {state.status === 'ready' && state.units.length === 0 ? <StateView kind='empty' message='还没有二级党组织' /> : null}
      {state.status === 'ready'
        ? state.units.map((u) => (
            <View key={u._id} className={`adm-card${u.active ? '' : ' adm-card--retired'}`} data-testid='unit-card' onClick={() => open(u)}>
              <View className='adm-card__row'>
                <Text className='adm-card__title adm-card__body'>{u.name}</Text>
                <Text className='adm-card__chevron'>›</Text>
              </View>
              <View className='adm-card__meta'>
                <Text className={`adm-tag ${u.active ? 'adm-tag--red' : 'adm-tag--grey'}`}>{UNIT_KIND_LABELS[u.kind]}</Text>
                {u.active ? null : <Text className='adm-tag adm-tag--grey'>已撤销</Text>}
                {canEdit && u.active ? (
                  <View className='adm-card__inline-actions'>
                    <Text className='adm-link adm-link--muted' onClick={stopThen(() => edit(u._id))}>
                      编辑
                    </Text>
                    <Text className='adm-link' onClick={stopThen(() => retire(u))}>
                      撤销
                    </Text>
                  </View>
                ) : null}
              </View>
            </View>
          ))
        : null}
    </View>
  );
}

export default withSystemFont(UnitsPage);
