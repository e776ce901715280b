export default definePageConfig({
  navigationBarTitleText: '预览申报材料',
  enablePullDownRefresh: true,
});
