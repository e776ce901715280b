import type { IndexDeclaration } from '../cloudfunctions/_lib/db';

/**
 * 查询形状（集合 + 过滤字段 + 排序字段）的记录与索引核对，压测与测试共用（issue 8 第 2 条）：
 * 本地执行器的请求观察者（openLocalDatabase 的 onRequest）把每个查询交给 QueryShapes.record，
 * coveringIndex 判断它有没有声明的索引可用。事务内的单条读写都按 _id，不记录。
 */

export interface QueryShape {
  collection: string;
  fields: string[];
  order: string[];
  count: number;
  actions: Set<string>;
}

const QUERY_ACTIONS = new Set(['database.getDocument', 'database.calculateDocument', 'database.modifyDocument', 'database.removeDocument']);

function fieldsOf(q: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(q)) q.forEach((x) => fieldsOf(x, out));
  else if (q && typeof q === 'object') {
    for (const [k, v] of Object.entries(q)) {
      if (k.startsWith('$')) fieldsOf(v, out);
      else out.add(k);
    }
  }
  return out;
}

function parse(s: unknown): unknown {
  try {
    return typeof s === 'string' ? JSON.parse(s) : s;
  } catch {
    return null;
  }
}

export class QueryShapes {
  readonly shapes = new Map<string, QueryShape>();

  /** 观察者：action 为执行器收到的请求名，source 为发出它的云函数操作（如 entries.list） */
  record(action: string, params: Readonly<Record<string, unknown>>, source: string): void {
    if (!QUERY_ACTIONS.has(action) || params.transactionId) return;
    const fields = [...fieldsOf(parse(params.query))].sort();
    const order = Object.keys((parse(params.order) as object | null) ?? {});
    const collection = String(params.collectionName);
    const key = `${collection}|${fields.join(',')}|${order.join(',')}`;
    const shape = this.shapes.get(key) ?? { collection, fields, order, count: 0, actions: new Set<string>() };
    shape.count++;
    shape.actions.add(source);
    this.shapes.set(key, shape);
  }

  /** 每种形状及覆盖它的索引名（'_id' = 主键；null = 没有声明的索引可用） */
  report(decls: IndexDeclaration[]) {
    return [...this.shapes.values()].map((s) => {
      const idx = coveringIndex(decls, s.collection, s.fields, s.order);
      return { collection: s.collection, fields: s.fields, order: s.order, count: s.count, actions: [...s.actions].sort(), index: idx === 'primary' ? '_id' : (idx?.name ?? null) };
    });
  }
}

/** 覆盖：按 _id；或某索引的首键是过滤字段之一、或是排序首字段（按索引顺序扫描、边扫边过滤） */
export function coveringIndex(decls: IndexDeclaration[], collection: string, fields: string[], order: string[]): IndexDeclaration | 'primary' | null {
  if (fields.includes('_id')) return 'primary';
  if (!fields.length && (!order.length || order[0] === '_id')) return 'primary';
  for (const d of decls.filter((x) => x.collection === collection)) {
    const first = Object.keys(d.keys)[0];
    if (fields.includes(first) || first === order[0]) return d;
  }
  return null;
}
