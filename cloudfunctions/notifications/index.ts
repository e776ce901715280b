import { createCloudMain } from '../_lib/wechat';
import { notificationsFunction } from './function';

export const main = createCloudMain(notificationsFunction);
