import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { UNIT_KINDS, UNIT_KIND_LABELS, type Unit } from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import StateView from '@/components/StateView';
import TextField from '@/components/TextField';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { newDocId } from '../shared/format';
import { toast } from '../shared/ui';
import '../shared/admin.scss';
import SaveError from '../shared/SaveError';
import { useVersionedSave } from '../shared/useVersionedSave';

type Kind = Unit['kind'];
const NAME_MAX = 50;

/** 新增或编辑（更名、改类型）一个二级党组织；编辑带 expectedVersion，别人先改了就提示并载入最新 */
function UnitEditPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>(id ? 'loading' : 'ready');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('college');

  const load = useCallback(async () => {
    if (!id) return;
    setStatus('loading');
    try {
      const res = await callFunction('org', 'listUnits', { includeRetired: true });
      const u = res.units.find((x) => x._id === id);
      if (!u) throw new CloudError('NOT_FOUND', '单位不存在或已删除');
      setName(u.name);
      setKind(u.kind);
      setVersion(u.version);
      setStatus('ready');
    } catch (err) {
      setLoadError(messageOf(err));
      setStatus('error');
    }
  }, [id]);
  const { saving, error, reloaded, run } = useVersionedSave(load);

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '编辑单位' : '新增单位' });
    load();
  }, [id, load]);

  const trimmed = name.trim();
  const nameError = trimmed.length === 0 ? null : [...trimmed].length > NAME_MAX ? `名称不能超过 ${NAME_MAX} 字` : null;

  const save = async () => {
    if (!trimmed || nameError || saving) return;
    await run(!!id, async () => {
      await callFunction('org', 'saveUnit', { _id: id || newDocId('u'), name: trimmed, kind, ...(id ? { expectedVersion: version } : {}) });
      toast('已保存');
      Taro.navigateBack();
    });
  };

  if (status === 'loading') return <StateView kind='loading' />;
  if (status === 'error') return <StateView kind='error' message={loadError ?? undefined} onRetry={load} />;

  return (
    <View className='adm-page'>
      <SaveError error={error} reloaded={reloaded} />
      <View className='adm-form'>
        <TextField label='单位名称' value={name} onInput={setName} maxLength={NAME_MAX} placeholder='如 计算机科学与工程学院党委' error={nameError} testId='unit-name' />
        <View className='adm-form__row'>
          <Text className='adm-form__label'>类型</Text>
          <ChipGroup testId='unit-kind' value={kind} onChange={setKind} options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
        </View>
      </View>
      <View className={`adm-btn adm-btn--block${!trimmed || nameError || saving ? ' adm-btn--disabled' : ''}`} data-testid='save' onClick={save}>
        <Text>{saving ? '正在保存…' : '保存'}</Text>
      </View>
    </View>
  );
}

export default withSystemFont(UnitEditPage);
