import { useCallback, useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Branch, PersonView } from '@contract/index';
import StateView from '@/components/StateView';
import TextField from '@/components/TextField';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import { fetchPerson, personUrl, rememberPerson } from '../shared/people';
import { confirmAction, toast } from '../shared/ui';
import '../shared/admin.scss';
import SaveError from '../shared/SaveError';
import { useVersionedSave } from '../shared/useVersionedSave';

const NAME_MAX = 30;
const NO_MAX = 30;

interface Form {
  name: string;
  personNo: string;
  phone: string;
  branchId: string | null;
}

function validate(f: Form): Partial<Record<keyof Form, string>> {
  const e: Partial<Record<keyof Form, string>> = {};
  const name = f.name.trim();
  if (!name) e.name = '请填写姓名';
  else if ([...name].length > NAME_MAX) e.name = `姓名不能超过 ${NAME_MAX} 字`;
  const no = f.personNo.trim();
  if (!no) e.personNo = '请填写工号或学号';
  else if (!/^[A-Za-z0-9_-]+$/.test(no)) e.personNo = '工号/学号只能含字母、数字、下划线和连字符';
  if (f.phone && !/^1\d{10}$/.test(f.phone)) e.phone = '手机号应为 11 位数字';
  return e;
}

/** 新增或编辑人员（姓名、工号/学号、手机号、支部）；编辑带 expectedVersion */
function PersonEditPage() {
  const { params } = useRouter();
  const unitId = params.unitId ?? '';
  const id = params.id ?? '';
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [original, setOriginal] = useState<PersonView | null>(null);
  const [form, setForm] = useState<Form>({ name: '', personNo: '', phone: '', branchId: null });
  const [clearPhone, setClearPhone] = useState(false);
  const [touched, setTouched] = useState(false);

  const load = useCallback(async () => {
    setStatus('loading');
    try {
      const [tree, person] = await Promise.all([callFunction('org', 'unitTree', { unitId }), id ? fetchPerson(unitId, id, params.no ?? '') : null]);
      setBranches(tree.branches);
      if (person) {
        setOriginal(person);
        setForm({ name: person.name, personNo: person.personNo, phone: '', branchId: person.branchId });
      }
      setStatus('ready');
    } catch (err) {
      setLoadError(messageOf(err));
      setStatus('error');
    }
  }, [unitId, id, params.no]);
  const { saving, error, reloaded, run } = useVersionedSave(load);

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: id ? '编辑人员' : '新增人员' });
    load();
  }, [id, load]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors = validate(form);
  const shown = (k: keyof Form) => (touched || (k !== 'name' && k !== 'personNo' && form[k]) ? (errors[k] ?? null) : null);

  const branchOptions = [
    { id: null as string | null, name: '未分配支部' },
    ...branches.filter((b) => b.active || b._id === form.branchId).map((b) => ({ id: b._id as string | null, name: b.name })),
  ];
  const branchIndex = Math.max(0, branchOptions.findIndex((o) => o.id === form.branchId));

  const save = async () => {
    setTouched(true);
    if (Object.keys(errors).length || saving) return;
    // 原号码只显示打码：留空表示保留（省略 phone），勾选“清除”才发送 null
    if (original?.phoneMasked && !form.phone && clearPhone) {
      const ok = await confirmAction('清除手机号？', `保存后将清除原手机号（${original.phoneMasked}）。`, '清除并保存');
      if (!ok) return;
    }
    const input = {
      name: form.name.trim(),
      personNo: form.personNo.trim(),
      ...(form.phone ? { phone: form.phone } : original && !clearPhone ? {} : { phone: null }),
      unitId,
      branchId: form.branchId,
      ...(original ? { _id: original._id, expectedVersion: original.version } : {}),
    };
    await run(!!original, async () => {
      const res = await callFunction('org', 'savePerson', input);
      const saved: PersonView = {
        _id: res._id,
        name: input.name,
        personNo: input.personNo,
        phoneMasked:
          'phone' in input
            ? input.phone
              ? `${input.phone.slice(0, 3)}****${input.phone.slice(-4)}`
              : null
            : (original?.phoneMasked ?? null),
        unitId,
        branchId: input.branchId,
        roles: original?.roles ?? [],
        bound: original?.bound ?? false,
        version: res.version,
      };
      rememberPerson(saved);
      toast('已保存');
      if (original && Taro.getCurrentPages().length > 1) Taro.navigateBack();
      else Taro.redirectTo({ url: personUrl(saved, unitId) });
    });
  };

  if (status === 'loading') return <StateView kind='loading' />;
  if (status === 'error') return <StateView kind='error' message={loadError ?? undefined} onRetry={load} />;

  return (
    <View className='adm-page'>
      <SaveError error={error} reloaded={reloaded} />
      <View className='adm-form'>
        <TextField label='姓名' value={form.name} onInput={(v) => set('name', v)} maxLength={NAME_MAX} placeholder='真实姓名' error={shown('name')} testId='person-name' />
        <TextField
          label='工号/学号'
          value={form.personNo}
          onInput={(v) => set('personNo', v.trim())}
          maxLength={NO_MAX}
          placeholder='教职工填工号，学生填学号'
          error={shown('personNo')}
          testId='person-no'
        />
        <TextField
          label='手机号'
          type='number'
          value={form.phone}
          onInput={(v) => set('phone', v.replace(/\D/g, '').slice(0, 11))}
          maxLength={11}
          placeholder={original?.phoneMasked ? `当前 ${original.phoneMasked}，留空保留原号码` : '选填，11 位'}
          hint={original?.phoneMasked ? '为保护隐私，原号码只显示打码；填写新号码即替换，留空保留。' : '只用于管理员联系本人，列表中打码显示。'}
          error={shown('phone')}
          testId='person-phone'
        />
        {original?.phoneMasked && !form.phone ? (
          <Text className='adm-form__hint' data-testid='person-clear-phone' onClick={() => setClearPhone((c) => !c)}>
            {clearPhone ? '☑ 保存时清除原号码（再点一次取消）' : '☐ 清除原号码'}
          </Text>
        ) : null}
        <View className='adm-form__row'>
          <Text className='adm-form__label'>所在支部</Text>
          <Picker mode='selector' range={branchOptions.map((o) => o.name)} value={branchIndex} onChange={(e) => set('branchId', branchOptions[Number(e.detail.value)]?.id ?? null)}>
            <View className='adm-form__picker' data-testid='person-branch'>
              <Text>{branchOptions[branchIndex].name}</Text>
              <Text className='adm-form__placeholder'>›</Text>
            </View>
          </Picker>
          {!original ? <Text className='adm-form__hint'>新建的人员默认授予“党员”角色；支部书记/支委等角色在人员详情页授予。</Text> : null}
        </View>
      </View>
      <View className={`adm-btn adm-btn--block${saving ? ' adm-btn--disabled' : ''}`} data-testid='save' onClick={save}>
        <Text>{saving ? '正在保存…' : '保存'}</Text>
      </View>
    </View>
  );
}

export default withSystemFont(PersonEditPage);
