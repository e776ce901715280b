export default definePageConfig({
  navigationBarTitleText: '新建答辩场次',
});
