import { createCloudMain } from '../_lib/wechat';
import { orgFunction } from './function';

export const main = createCloudMain(orgFunction);
