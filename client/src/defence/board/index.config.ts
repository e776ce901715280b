export default definePageConfig({
  // 没有 enablePageMeta / withSystemFont（第 5 项的例外）：大屏是投影，字号写 px、随屏宽缩放，不跟手机的字体设置
  navigationBarTitleText: '现场答辩 · 大屏',
  // 大屏横放：小程序里也允许横屏
  pageOrientation: 'auto',
});
