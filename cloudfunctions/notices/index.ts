import { createCloudMain } from '../_lib/wechat';
import { noticesFunction } from './function';

export const main = createCloudMain(noticesFunction);
