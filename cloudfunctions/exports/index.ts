import { createCloudMain } from '../_lib/wechat';
import { exportsFunction } from './function';

export const main = createCloudMain(exportsFunction);
