export default definePageConfig({
  navigationBarTitleText: '编辑支部',
});
