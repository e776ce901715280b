import { createCloudMain } from '../_lib/wechat';
import { casesFunction } from './function';

export const main = createCloudMain(casesFunction);
