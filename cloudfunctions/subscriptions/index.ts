import { createCloudMain } from '../_lib/wechat';
import { subscriptionsFunction } from './function';

export const main = createCloudMain(subscriptionsFunction);
