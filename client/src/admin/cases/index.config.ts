export default definePageConfig({
  // 根字号跟随微信字体设置（components/SystemFont）
  enablePageMeta: true,
  navigationBarTitleText: '案例编辑',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
});
