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
};

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

export function createCloudMain(fn: CloudFunction) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return async function main(event: unknown, context: { request_id?: string } | undefined) {
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
