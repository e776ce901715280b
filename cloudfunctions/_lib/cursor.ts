/** 游标：排序键的不透明编码（base64url JSON），客户端原样回传 */
export interface Cursor {
  at: number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && Number.isFinite(v[0]) && typeof v[1] === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v[1])) {
      return { at: v[0], id: v[1] };
    }
  } catch {
    // 落到下面的 null：无效游标
  }
  return null;
}
