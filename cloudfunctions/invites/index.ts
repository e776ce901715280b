import { createCloudMain } from '../_lib/wechat';
import { invitesFunction } from './function';

export const main = createCloudMain(invitesFunction);
