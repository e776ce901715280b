// 基准：一个只有一页的最小 Taro 应用，与本项目用同一份构建配置（config/index.ts，TARO_BASELINE=1）构建，
// 用来对比主包体积里哪些是 Taro + React 本身的固定成本
export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: '基准' },
});
