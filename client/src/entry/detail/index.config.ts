export default definePageConfig({
  navigationBarTitleText: '申报材料',
  enablePullDownRefresh: true,
});
