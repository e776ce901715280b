/// <reference types="@tarojs/taro" />
declare module '*.png';
declare module '*.scss';
declare const CLOUD_ENV: string;
