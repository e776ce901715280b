export default definePageConfig({
  navigationBarTitleText: '参加评选',
  enablePullDownRefresh: true,
});
