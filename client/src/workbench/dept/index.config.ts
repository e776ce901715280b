export default definePageConfig({ navigationBarTitleText: '组织部工作台', enablePullDownRefresh: true, onReachBottomDistance: 120 });
