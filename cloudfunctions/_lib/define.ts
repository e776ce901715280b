import {
  failure,
  success,
  toFieldIssues,
  type ActionName,
  type FunctionContract,
  type OutputOf,
  type ParsedInputOf,
  type Reply,
} from '../../types';
import { resolveActor, SYSTEM_ACTOR, type Actor } from './actor';
import { AppError } from './app-error';
import type { FunctionContext } from './context';
import { checkGuard, type Guard } from './guard';

export interface HandlerArgs<I> {
  ctx: FunctionContext;
  input: I;
  actor: Actor;
}

export interface ActionImpl<C extends FunctionContract, K extends ActionName<C>> {
  guard: Guard<ParsedInputOf<C, K>>;
  handler: (args: HandlerArgs<ParsedInputOf<C, K>>) => Promise<OutputOf<C, K>>;
}

export type ActionImpls<C extends FunctionContract> = { [K in ActionName<C>]: ActionImpl<C, K> };

export interface CloudFunction {
  name: string;
  contract: FunctionContract;
  guards: Record<string, Guard<never>>;
  /** 定时触发器执行的操作（见 FunctionOptions.timer）；部署据此核对 config.json 的 timer 触发器 */
  timerAction?: string;
  invoke(event: unknown, ctx: FunctionContext): Promise<Reply<unknown>>;
}

/** 平台注入到事件里的字段（小程序端调用时的 userInfo）：剥离且从不使用，身份只认 getWXContext() */
const PLATFORM_EVENT_KEYS = ['userInfo'];

/**
 * 每个云函数的统一外形：校验事件 → 解析调用者 → 守卫 → 纯处理函数 → 统一回复。
 * 任何意外都变成 INTERNAL 回复，绝不把异常栈交给客户端。
 */
export interface FunctionOptions<C extends FunctionContract> {
  /** 定时触发器调用时执行的操作（以系统身份，不经守卫）；只有平台无调用者 openid 时才生效 */
  timer?: { action: ActionName<C>; input: object };
}

/** 定时触发器的事件形状：{ Type: 'Timer', TriggerName, Time } */
function isTimerEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer' && typeof (event as { TriggerName?: unknown }).TriggerName === 'string';
}

export function defineFunction<C extends FunctionContract>(contract: C, impls: ActionImpls<C>, options: FunctionOptions<C> = {}): CloudFunction {
  const guards = Object.fromEntries(Object.entries(impls).map(([k, v]) => [k, (v as { guard: Guard<never> }).guard]));
  return {
    name: contract.name,
    contract,
    guards,
    timerAction: options.timer ? String(options.timer.action) : undefined,
    async invoke(event, ctx) {
      try {
        if (isTimerEvent(event) && options.timer && !ctx.caller.openid) {
          const impl = impls[options.timer.action] as ActionImpl<C, ActionName<C>>;
          const input = contract.actions[options.timer.action as string].input.parse(options.timer.input) as ParsedInputOf<C, ActionName<C>>;
          return success(await impl.handler({ ctx, input, actor: SYSTEM_ACTOR }));
        }
        const cleaned = stripPlatformKeys(event);
        const actionName = cleaned && typeof cleaned === 'object' ? (cleaned as { action?: unknown }).action : undefined;
        if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(contract.actions, actionName)) {
          return failure('UNKNOWN_ACTION', `不支持的操作：${String(actionName ?? '(缺少 action)').slice(0, 40)}`);
        }
        const parsed = contract.eventSchema.safeParse(cleaned);
        if (!parsed.success) {
          const issues = toFieldIssues(parsed.error);
          return failure('BAD_INPUT', `提交的内容不符合要求：${issues[0].path} ${issues[0].message}`, issues);
        }
        const impl = impls[actionName as ActionName<C>] as ActionImpl<C, ActionName<C>>;
        const actor = await resolveActor(ctx);
        const { action: _action, ...rest } = parsed.data as { action: string };
        const input = rest as ParsedInputOf<C, ActionName<C>>;
        await checkGuard(impl.guard, actor, input, ctx);
        const data = await impl.handler({ ctx, input, actor });
        // 回复也按契约校验：服务端若违约，宁可报错也不把错形状交给客户端
        const out = contract.actions[actionName].output.safeParse(data);
        if (!out.success) {
          console.error(`[${contract.name}.${actionName}] reply violates contract`, ctx.requestId, out.error.issues);
          return failure('INTERNAL', '系统繁忙，请稍后再试');
        }
        return success(out.data);
      } catch (err) {
        if (err instanceof AppError) return failure(err.code, err.message, err.issues);
        console.error(`[${contract.name}] unexpected error`, ctx.requestId, err);
        return { ...failure('INTERNAL', '系统繁忙，请稍后再试'), requestId: ctx.requestId };
      }
    },
  };
}

function stripPlatformKeys(event: unknown): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event;
  const copy: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  for (const key of PLATFORM_EVENT_KEYS) delete copy[key];
  return copy;
}
