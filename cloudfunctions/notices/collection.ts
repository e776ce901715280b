/** 通知集合：publishedAt 存为 Date（云数据库原生日期），出参转为北京时间 ISO 字符串 */
export const NOTICES = 'notices';
