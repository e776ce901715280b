import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro 构建配置：源码在 client/src，weapp 输出到 dist/weapp（project.config.json 的 miniprogramRoot），
 * h5 输出到 dist/h5（本地运行时在 / 提供）。云环境 id 在构建时由 CLOUD_ENV 传入。
 */
// types/ 在 sourceRoot 之外：告诉 Taro 也编译它（共享的 zod 契约）
const contractDir = path.resolve(__dirname, '..', 'types');

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  // TARO_BASELINE=1：用同一份配置构建 bench/trivial-taro 的最小应用，对比主包的固定成本（client/tools/package-sizes.ts）
  const baseline = process.env.TARO_BASELINE === '1';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'dangjian-campaigns',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: baseline ? 'bench/trivial-taro/src' : 'client/src',
    // H5_OUT：把 H5 构建到另一目录（几处并行构建时互不覆盖；浏览器测试用 H5_DIST 指向它）
    outputRoot: baseline ? 'dist/baseline-weapp' : isH5 ? (process.env.H5_OUT ?? 'dist/h5') : 'dist/weapp',
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? 'local'),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'client/src'),
      '@contract': path.resolve(__dirname, '..', 'types'),
    },
    copy: { patterns: [], options: {} },
    // 每个 .scss 都能用 fs()：字号写 rem，随微信的字体设置放大（client/src/styles/_type.scss）
    sass: { data: `@use "${path.resolve(__dirname, '..', 'client/src/styles/type').replace(/\\/g, '/')}" as *;\n` },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [contractDir] },
      // 组件样式都用各自的类名前缀，公共 CSS 块里的先后无关；不写这项时，分包多了会刷出大量“Conflicting order”警告（与 h5 相同）
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      compile: { include: [contractDir] },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        // 版面用 vw（与小程序的 rpx 一样只随屏宽缩放），rem 留给字号：以浏览器根字号为准，模拟微信的字体设置
        pxtransform: { enable: true, config: { targetUnit: 'vw' } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});
