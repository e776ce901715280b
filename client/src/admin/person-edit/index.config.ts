export default definePageConfig({
  navigationBarTitleText: '编辑人员',
});
