import { z } from 'zod';

/** 一个操作：入参 schema（不含 action 字段）与成功时 data 的 schema */
export interface ActionContract<I extends z.AnyZodObject = z.AnyZodObject, O extends z.ZodTypeAny = z.ZodTypeAny> {
  input: I;
  output: O;
}

export function action<I extends z.AnyZodObject, O extends z.ZodTypeAny>(input: I, output: O): ActionContract<I, O> {
  return { input, output };
}

export type ActionMap = Record<string, ActionContract>;

/**
 * 一个可部署云函数的契约：按 action 分派（STYLE：一个领域一个函数，少冷启动）。
 * 事件 = { action, ...input }，严格模式：多余字段一律拒绝，防止 _openid 之类被夹带。
 */
export function defineContract<N extends string, A extends ActionMap>(name: N, actions: A) {
  const variants = Object.entries(actions).map(([key, a]) =>
    a.input.extend({ action: z.literal(key) }).strict(),
  );
  const eventSchema = z.discriminatedUnion(
    'action',
    variants as unknown as [z.ZodDiscriminatedUnionOption<'action'>, ...z.ZodDiscriminatedUnionOption<'action'>[]],
  );
  return { name, actions, eventSchema };
}

export type FunctionContract<N extends string = string, A extends ActionMap = ActionMap> = ReturnType<
  typeof defineContract<N, A>
>;

export type ActionName<C extends FunctionContract> = keyof C['actions'] & string;
export type InputOf<C extends FunctionContract, K extends ActionName<C>> = z.input<C['actions'][K]['input']>;
export type ParsedInputOf<C extends FunctionContract, K extends ActionName<C>> = z.output<C['actions'][K]['input']>;
export type OutputOf<C extends FunctionContract, K extends ActionName<C>> = z.output<C['actions'][K]['output']>;
