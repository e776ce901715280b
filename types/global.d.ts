declare namespace NodeJS {
  interface ProcessEnv {
    /** Taro 构建目标；写全 process.env.TARO_ENV，构建时才能去掉死分支 */
    TARO_ENV: 'weapp' | 'h5';
  }
}
