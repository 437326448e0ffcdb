import type { TestContext } from 'vitest';

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Why the test was skipped: `npm test` lists it (Vitest's JSON report carries task.meta). */
    skipReason?: string;
  }
}

/** Skips the running test and records why, so the closing summary of `npm test` names the reason. */
export function skipBecause(ctx: TestContext, reason: string): never {
  ctx.task.meta.skipReason = reason;
  return ctx.skip(reason);
}
