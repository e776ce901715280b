export default definePageConfig({
  navigationBarTitleText: '现场答辩 · 大屏',
  // 大屏横放：小程序里也允许横屏
  pageOrientation: 'auto',
});
