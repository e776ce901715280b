export default definePageConfig({
  navigationBarTitleText: '编辑评选',
});
