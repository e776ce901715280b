import { noticesContract } from '../../types';
import { defineFunction } from '../_lib/define';
import { anyone } from '../_lib/guard';
import { getNotice } from './get.handler';
import { listNotices, noticeListIndexes } from './list.handler';

/** 通知是公开的：党员未绑定也能浏览 */
export const noticesFunction = defineFunction(noticesContract, {
  list: { guard: anyone, handler: listNotices },
  get: { guard: anyone, handler: getNotice },
});

export const noticesIndexes = [...noticeListIndexes];
