import { useCallback, useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { BRANCH_KINDS, BRANCH_KIND_LABELS, type Branch, type GeneralBranch, type ModelListing } from '@contract/index';
import ChipGroup from '@/components/ChipGroup';
import StateView from '@/components/StateView';
import TextField from '@/components/TextField';
import { callFunction, CloudError, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { MODEL_LEVEL_LABELS, newDocId } from '../shared/format';
import { toast } from '../shared/ui';
import '../shared/admin.scss';
import './index.scss';
import SaveError from '../shared/SaveError';
import { useVersionedSave } from '../shared/useVersionedSave';

type Kind = Branch['kind'];
type Level = ModelListing['level'] | 'none';
const NAME_MAX = 50;
const LEVELS: Level[] = ['none', 'national', 'provincial', 'school'];

interface Form {
  name: string;
  kind: Kind;
  memberCount: string;
  generalBranchId: string | null;
  level: Level;
  batch: string;
  cycleStart: string;
  cycleEnd: string;
}

function thisYear(): number {
  return new Date().getFullYear();
}

function formOf(b: Branch | null): Form {
  return {
    name: b?.name ?? '',
    kind: b?.kind ?? 'staff',
    memberCount: b ? String(b.memberCount) : '',
    generalBranchId: b?.generalBranchId ?? null,
    level: b?.model?.level ?? 'none',
    batch: b?.model?.batch ? String(b.model.batch) : '',
    cycleStart: b?.model?.cycleStart ?? `${thisYear()}-01`,
    cycleEnd: b?.model?.cycleEnd ?? `${thisYear() + 1}-12`,
  };
}

/** 表单校验：返回各字段的中文提示 */
function validate(f: Form): Partial<Record<'name' | 'memberCount' | 'batch' | 'cycle', string>> {
  const errors: Partial<Record<'name' | 'memberCount' | 'batch' | 'cycle', string>> = {};
  const name = f.name.trim();
  if (!name) errors.name = '请填写支部名称';
  else if ([...name].length > NAME_MAX) errors.name = `名称不能超过 ${NAME_MAX} 字`;
  if (!/^\d{1,5}$/.test(f.memberCount.trim())) errors.memberCount = '请填写党员人数（整数）';
  if (f.level !== 'none') {
    if (f.batch.trim() && !/^[1-9]\d{0,2}$/.test(f.batch.trim())) errors.batch = '批次应为正整数，可不填';
    if (f.cycleStart > f.cycleEnd) errors.cycle = '创建周期的开始不能晚于结束';
  }
  return errors;
}

/** 新增或编辑支部：名称、类型、党员人数、所属党总支、样板支部（级别、批次、创建周期）；编辑带 expectedVersion */
function BranchEditPage() {
  const { params } = useRouter();
  const unitId = params.unitId ?? '';
  const id = params.id ?? '';
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [generalBranches, setGeneralBranches] = useState<GeneralBranch[]>([]);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [form, setForm] = useState<Form>(formOf(null));
  const [touched, setTouched] = useState(false);

  const load = useCallback(async () => {
    setStatus('loading');
    try {
      const tree = await callFunction('org', 'unitTree', { unitId });
      setGeneralBranches(tree.generalBranches);
      if (id) {
        const b = tree.branches.find((x) => x._id === id);
        if (!b) throw new CloudError('NOT_FOUND', '支部不存在或已删除');
        setForm(formOf(b));
        setVersion(b.version);
      }
      setStatus('ready');
    } catch (err) {
      setLoadError(messageOf(err));
      setStatus('error');
    }
  }, [unitId, id]);
  const { saving, error, reloaded, run } = useVersionedSave(load);

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '编辑支部' : '新增支部' });
    load();
  }, [id, load]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors = validate(form);
  const valid = Object.keys(errors).length === 0;
  const shown = (key: keyof typeof errors) => (touched || (key === 'name' ? form.name !== '' : false) ? (errors[key] ?? null) : null);

  // 党总支选项：本单位在用的党总支，外加当前所属的（即使已撤销），以及“不属于党总支”
  const gbOptions = [
    { id: null as string | null, name: '不属于党总支（直属单位）' },
    ...generalBranches.filter((g) => g.active || g._id === form.generalBranchId).map((g) => ({ id: g._id as string | null, name: g.name })),
  ];
  const gbIndex = Math.max(0, gbOptions.findIndex((o) => o.id === form.generalBranchId));

  const save = async () => {
    setTouched(true);
    if (!valid || saving) return;
    const model: ModelListing | null =
      form.level === 'none'
        ? null
        : { level: form.level, batch: form.batch.trim() ? Number(form.batch.trim()) : null, cycleStart: form.cycleStart, cycleEnd: form.cycleEnd };
    await run(!!id, async () => {
      await callFunction('org', 'saveBranch', {
        _id: id || newDocId('b'),
        unitId,
        generalBranchId: form.generalBranchId,
        name: form.name.trim(),
        kind: form.kind,
        memberCount: Number(form.memberCount.trim()),
        model,
        ...(id ? { expectedVersion: version } : {}),
      });
      toast('已保存');
      if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
      else Taro.redirectTo({ url: `/admin/unit/index?id=${encodeURIComponent(unitId)}` });
    });
  };

  if (status === 'loading') return <StateView kind='loading' />;
  if (status === 'error') return <StateView kind='error' message={loadError ?? undefined} onRetry={load} />;

  return (
    <View className='adm-page branch-edit'>
      <SaveError error={error} reloaded={reloaded} />
      <View className='adm-form'>
        <TextField
          label='支部名称'
          value={form.name}
          onInput={(v) => set('name', v)}
          maxLength={NAME_MAX}
          placeholder='如 计算机学院教工第一党支部'
          error={shown('name')}
          testId='branch-name'
        />
        <View className='adm-form__row'>
          <Text className='adm-form__label'>支部类型</Text>
          <ChipGroup testId='branch-kind' value={form.kind} onChange={(v) => set('kind', v)} options={BRANCH_KINDS.map((k) => ({ value: k, label: BRANCH_KIND_LABELS[k] }))} />
          {form.kind === 'graduating' ? <Text className='adm-form__hint'>毕业年级党支部不参加活动方案立项（B6）。</Text> : null}
        </View>
        <TextField
          label='党员人数'
          type='number'
          value={form.memberCount}
          onInput={(v) => set('memberCount', v.replace(/\D/g, ''))}
          placeholder='正式党员与预备党员合计'
          error={shown('memberCount')}
          testId='branch-members'
        />
        <View className='adm-form__row'>
          <Text className='adm-form__label'>所属党总支</Text>
          <Picker
            mode='selector'
            range={gbOptions.map((o) => o.name)}
            value={gbIndex}
            onChange={(e) => set('generalBranchId', gbOptions[Number(e.detail.value)]?.id ?? null)}
          >
            <View className='adm-form__picker' data-testid='branch-gb'>
              <Text>{gbOptions[gbIndex].name}</Text>
              <Text className='adm-form__placeholder'>›</Text>
            </View>
          </Picker>
        </View>
      </View>

      <Text className='adm-section-title'>样板党支部（B9、D1）</Text>
      <View className='adm-form'>
        <View className='adm-form__row'>
          <Text className='adm-form__label'>级别</Text>
          <ChipGroup
            testId='branch-model-level'
            value={form.level}
            onChange={(v) => set('level', v)}
            options={LEVELS.map((l) => ({ value: l, label: l === 'none' ? '不是样板支部' : MODEL_LEVEL_LABELS[l] }))}
          />
        </View>
        {form.level !== 'none' ? (
          <>
            <TextField
              label='批次'
              type='number'
              value={form.batch}
              onInput={(v) => set('batch', v.replace(/\D/g, ''))}
              placeholder='如 4（第四批），无批次可不填'
              error={shown('batch')}
              testId='branch-batch'
            />
            <View className='adm-form__row'>
              <Text className='adm-form__label'>创建周期</Text>
              <View className='adm-form__pair'>
                <Picker className='adm-form__pair-item' mode='date' fields='month' value={form.cycleStart} onChange={(e) => set('cycleStart', String(e.detail.value).slice(0, 7))}>
                  <View className='adm-form__picker'>
                    <Text>{form.cycleStart}</Text>
                    <Text className='adm-form__placeholder'>起</Text>
                  </View>
                </Picker>
                <Picker className='adm-form__pair-item' mode='date' fields='month' value={form.cycleEnd} onChange={(e) => set('cycleEnd', String(e.detail.value).slice(0, 7))}>
                  <View className='adm-form__picker'>
                    <Text>{form.cycleEnd}</Text>
                    <Text className='adm-form__placeholder'>止</Text>
                  </View>
                </Picker>
              </View>
              {shown('cycle') ? <Text className='adm-form__hint branch-edit__error'>{shown('cycle')}</Text> : null}
            </View>
          </>
        ) : null}
      </View>

      <View className='adm-bottom'>
        <View className={`adm-btn adm-btn--block${saving ? ' adm-btn--disabled' : ''}`} data-testid='save' onClick={save}>
          <Text>{saving ? '正在保存…' : '保存'}</Text>
        </View>
      </View>
    </View>
  );
}

export default withSystemFont(BranchEditPage);
