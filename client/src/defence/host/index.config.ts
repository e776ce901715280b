export default definePageConfig({
  navigationBarTitleText: '主持现场答辩',
});
