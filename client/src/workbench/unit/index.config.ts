export default definePageConfig({ navigationBarTitleText: '分党委工作台', enablePullDownRefresh: true, onReachBottomDistance: 120 });
