export default definePageConfig({
  navigationBarTitleText: '编辑单位',
});
