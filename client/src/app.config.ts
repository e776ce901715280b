export default defineAppConfig({
  pages: ['pages/notices/index', 'pages/cases/index', 'pages/me/index', 'pages/notice/index', 'pages/case/index', 'pages/bind/index'],
  // 管理端分包：只有管理员会打开，不占主包体积
  subPackages: [
    {
      root: 'admin',
      pages: [
        'units/index',
        'unit/index',
        'unit-edit/index',
        'branch-edit/index',
        'person/index',
        'person-edit/index',
        'audit/index',
        'import/index',
        'campaigns/index',
        'campaign-copy/index',
        'campaign-edit/index',
        'exports/index',
        'cases/index',
        'case-edit/index',
      ],
    },
    // 申报分包：支部书记、分党委从通知或评选进入，查看资格、填写与提交材料
    { root: 'entry', pages: ['start/index', 'detail/index', 'preview/index'] },
    // 现场答辩分包（E3）：评委手机打分、组织部主持与建场、会场大屏
    { root: 'defence', pages: ['judge/index', 'host/index', 'create/index', 'board/index'] },
    // 函评分包（C1.5）：评委的“我的评审”与评分页
    { root: 'review', pages: ['mine/index', 'score/index'] },
    // 工作台分包：分党委审核推荐、定级、检查、验收与年度总结；组织部初审、补正与单位进度
    { root: 'workbench', pages: ['unit/index', 'summary/index', 'dept/index', 'screen/index', 'review/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    // 标题栏文字：部署配置 school.appTitle（构建时的环境变量 APP_TITLE），默认“基层党建”
    navigationBarTitleText: process.env.APP_TITLE || '基层党建',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/notices/index', text: '通知', iconPath: 'assets/tabbar/notices.png', selectedIconPath: 'assets/tabbar/notices-active.png' },
      { pagePath: 'pages/cases/index', text: '案例', iconPath: 'assets/tabbar/cases.png', selectedIconPath: 'assets/tabbar/cases-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
});
