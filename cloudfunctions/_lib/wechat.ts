import https from 'node:https';
import cloud from 'wx-server-sdk';
import type { FunctionContext } from './context';
import type { CloudDb } from './db';
import type { CloudFunction } from './define';
import type { ContentSecurity, FileStore, MessageSender } from './ports';
import { systemClock } from './ports';

/**
 * 生产环境适配器：把微信云开发的能力接到端口上。这里是唯一 import wx-server-sdk 的业务入口；
 * 本地运行时与测试从不加载这个文件（见 ../_local）。
 */
const files: FileStore = {
  async upload(cloudPath, bytes) {
    const res = await cloud.uploadFile({ cloudPath, fileContent: bytes });
    return { fileID: res.fileID };
  },
  async download(fileID) {
    const res = await cloud.downloadFile({ fileID });
    return res.fileContent as Buffer;
  },
  async tempUrls(fileIDs, maxAgeSeconds = 2 * 60 * 60) {
    const res = (await cloud.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) })) as {
      fileList: { fileID: string; tempFileURL: string; status: number }[];
    };
    return res.fileList.map((f) => ({ fileID: f.fileID, tempFileURL: f.tempFileURL, status: f.status }));
  },
  async remove(fileIDs) {
    if (fileIDs.length) await cloud.deleteFile({ fileList: fileIDs });
  },
  // 云存储的临时链接支持 HTTP Range：只取需要的一段
  async readRange(fileID, start, length) {
    const [t] = await files.tempUrls([fileID], 600);
    if (!t || t.status !== 0) throw new Error(`getTempFileURL failed: ${t?.status}`);
    return httpsRange(t.tempFileURL, start, length);
  },
};

function httpsRange(url: string, start: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { headers: { Range: `bytes=${start}-${start + length - 1}` } }, (res) => {
      if (res.statusCode === 416) return resolve(Buffer.alloc(0)); // 从文件尾之后读
      if (res.statusCode !== 206 && res.statusCode !== 200) return reject(new Error(`range read failed: ${res.statusCode}`));
      const chunks: Buffer[] = [];
      let got = 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        got += c.length;
        if (res.statusCode === 200 && got >= start + length) res.destroy(); // 不支持 Range 的服务器：读够即停
      });
      res.on('close', () => {
        const all = Buffer.concat(chunks);
        resolve(res.statusCode === 200 ? all.subarray(start, start + length) : all.subarray(0, length));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const messages: MessageSender = {
  async sendSubscribe(m) {
    await cloud.openapi.subscribeMessage.send({
      touser: m.touser,
      templateId: m.templateId,
      page: m.page,
      data: m.data,
      miniprogramState: m.miniprogramState ?? 'formal',
    });
  },
};

const security: ContentSecurity = {
  async checkText({ content, openid, scene }) {
    const res = await cloud.openapi.security.msgSecCheck({ content, openid, scene, version: 2 });
    return { suggest: res.result.suggest, label: Number(res.result.label) };
  },
  async submitMediaCheck({ mediaUrl, mediaType, openid, scene }) {
    const res = await cloud.openapi.security.mediaCheckAsync({ mediaUrl, mediaType, openid, scene, version: 2 });
    return { traceId: res.traceId };
  },
};

/**
 * cloud.init 在第一次调用时做（同一实例只做一次），不在 require 时做：这是平台 SDK 的工作（实测约 20 ms），
 * 冷启动的总时间不变，只是移到第一个请求里；加载 index.js 因此只剩函数包自己的代码。
 */
let initialized = false;
function ensureInit(): void {
  if (initialized) return;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialized = true;
}

export function createCloudMain(fn: CloudFunction) {
  return async function main(event: unknown, context: { request_id?: string } | undefined) {
    ensureInit();
    const wx = cloud.getWXContext();
    const ctx: FunctionContext = {
      caller: { openid: wx.OPENID ?? '', appid: wx.APPID ?? null, unionid: wx.UNIONID ?? null },
      db: cloud.database() as unknown as CloudDb,
      files,
      messages,
      security,
      clock: systemClock,
      requestId: context?.request_id ?? '',
      localMode: false,
    };
    return fn.invoke(event, ctx);
  };
}
