export default definePageConfig({
  navigationBarTitleText: '现场答辩评分',
});
