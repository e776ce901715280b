import { createCloudMain } from '../_lib/wechat';
import { campaignsFunction } from './function';

export const main = createCloudMain(campaignsFunction);
