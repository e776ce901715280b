export default definePageConfig({ navigationBarTitleText: '单位年度总结', onReachBottomDistance: 120 });
