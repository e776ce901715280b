export default definePageConfig({
  // 根字号跟随微信字体设置（components/SystemFont）
  enablePageMeta: true,
  navigationBarTitleText: '案例详情',
  enableShareAppMessage: true,
  // 分享到朋友圈（useShareTimeline）须在页面配置里打开
  enableShareTimeline: true,
});
