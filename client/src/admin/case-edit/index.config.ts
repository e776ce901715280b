export default definePageConfig({
  // 根字号跟随微信字体设置（components/SystemFont）
  enablePageMeta: true,
  navigationBarTitleText: '编辑案例',
});
