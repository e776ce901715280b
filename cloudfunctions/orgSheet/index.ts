import { createCloudMain } from '../_lib/wechat';
import { orgSheetFunction } from './function';

export const main = createCloudMain(orgSheetFunction);
