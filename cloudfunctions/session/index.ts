import { createCloudMain } from '../_lib/wechat';
import { sessionFunction } from './function';

export const main = createCloudMain(sessionFunction);
