export default definePageConfig({
  navigationBarTitleText: '人员',
  enableShareAppMessage: true,
});
