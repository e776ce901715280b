import { useState } from 'react';
import { messageOf } from '@/services/cloud';
import { isConflict } from './ui';

/**
 * 编辑页的保存：防重复提交；失败时给出中文说明；编辑已有记录遇到 CONFLICT（他人先改了）
 * 则重新载入最新内容并提示核对，而不是让用户的旧版本覆盖别人的修改。
 */
export function useVersionedSave(reload: () => Promise<void>) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloaded, setReloaded] = useState(false);

  /** editing：是否在编辑已有记录（新建时没有可重新载入的内容） */
  const run = async (editing: boolean, save: () => Promise<void>) => {
    if (saving) return;
    setSaving(true);
    setError(null);
    setReloaded(false);
    try {
      await save();
    } catch (err) {
      setError(messageOf(err));
      if (editing && isConflict(err)) {
        await reload();
        setReloaded(true);
      }
    } finally {
      setSaving(false);
    }
  };

  return { saving, error, reloaded, run };
}
