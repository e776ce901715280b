import { createCloudMain } from '../_lib/wechat';
import { entriesFunction } from './function';

export const main = createCloudMain(entriesFunction);
