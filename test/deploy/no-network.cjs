/**
 * 演练测试的护栏（NODE_OPTIONS=--require 预加载）：任何网络连接、DNS 查询，
 * 或加载真正部署才用的 miniprogram-ci / @cloudbase/manager-node，都立即以 BLOCKED 失败。
 */
const net = require('node:net');
const dns = require('node:dns');
const Module = require('node:module');
const block = (what) => {
  const msg = `BLOCKED: dry-run tried ${what}`;
  process.stderr.write(msg + '\n');
  throw new Error(msg);
};
// 本机 IPC（Unix 套接字路径，tsx 用它与自己的服务进程通信）放行；TCP 连接一律拦下
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isIpc = (typeof first === 'string' && Number.isNaN(Number(first))) || (first && typeof first === 'object' && typeof first.path === 'string');
  if (!isIpc) block('a network connection');
  return connect.apply(this, args);
};
dns.lookup = () => block('a DNS lookup');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^(miniprogram-ci|@cloudbase\/manager-node)(\/|$)/.test(request)) block(`to load ${request}`);
  return load.call(this, request, ...rest);
};
