import { createCloudMain } from '../_lib/wechat';
import { reviewsFunction } from './function';

export const main = createCloudMain(reviewsFunction);
