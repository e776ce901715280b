export default definePageConfig({
  navigationBarTitleText: '支部与人员',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
});
