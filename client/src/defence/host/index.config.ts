export default definePageConfig({
  // 根字号跟随微信字体设置（components/SystemFont）
  enablePageMeta: true,
  navigationBarTitleText: '主持现场答辩',
});
