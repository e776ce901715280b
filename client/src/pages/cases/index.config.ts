export default definePageConfig({
  navigationBarTitleText: '案例',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
  enableShareAppMessage: true,
});
