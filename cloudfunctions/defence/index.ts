import { createCloudMain } from '../_lib/wechat';
import { defenceFunction } from './function';

export const main = createCloudMain(defenceFunction);
