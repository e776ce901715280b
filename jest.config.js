/** 两个项目：node（领域、云函数、本地运行时一致性）与 jsdom（React 组件） */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }];
module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      // dist/ 里有云函数的构建副本（同名 package.json），不参与模块解析
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/types/**/*.test.ts', '<rootDir>/cloudfunctions/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/client/src/$1' },
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': swc },
      // dist/ 里有云函数的构建副本（同名 package.json），不参与模块解析
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      testMatch: ['<rootDir>/client/**/*.test.tsx', '<rootDir>/client/**/*.test.ts'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/stubs/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/stubs/taro.ts',
        '\\.(css|scss)$': '<rootDir>/test/stubs/style.ts',
        '^@/(.*)$': '<rootDir>/client/src/$1',
        '^@contract/(.*)$': '<rootDir>/types/$1',
      },
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      // dist/ 里有云函数的构建副本（同名 package.json），不参与模块解析
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
