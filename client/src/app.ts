import { type PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.scss';


// 小程序端：初始化云开发（H5 走本地运行时，Taro.cloud 在 H5 上不可用）
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
