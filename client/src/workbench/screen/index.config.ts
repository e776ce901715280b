export default definePageConfig({ navigationBarTitleText: '材料初审' });
