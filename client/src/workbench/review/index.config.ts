export default definePageConfig({ navigationBarTitleText: '评审管理' });
