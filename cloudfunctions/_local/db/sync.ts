/** 先来先服务的互斥：执行器用它让每个请求独占地读-改-写（_.inc 等不会丢更新） */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * 可跨多个请求持有的先来先服务锁：事务从 startTransaction 持有到 commit/rollback，
 * 让事务彼此串行（见 transactions.ts）。
 */
export class Gate {
  private held = false;
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.held = false;
  }

  rejectWaiters(error: unknown): void {
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
}
