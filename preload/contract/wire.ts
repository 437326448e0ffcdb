import { z } from 'zod';

/** What crosses a transport: one request envelope, one reply envelope, one event envelope. */
export const ErrorCode = z.enum([
  'bad_message',
  'unknown_channel',
  'invalid_input',
  'invalid_reply',
  'forbidden',
  'failed',
  /** The browser host's per-connection limits (messages per second, requests waiting for a reply). */
  'rate_limited',
  'too_many_pending',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const WireIssue = z.object({ path: z.string(), message: z.string() });
export type WireIssue = z.infer<typeof WireIssue>;

export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(WireIssue).optional(),
  /** For a failure that is not the agent's to fix: the id its details are logged under (the message quotes it). */
  errorId: z.string().max(40).optional(),
});
export type WireError = z.infer<typeof WireError>;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const WsRequest = z
  .object({
    id: z.number().int().nonnegative(),
    channel: z.string().max(100),
    input: z.unknown(),
  })
  .strict();

export type WsServerMessage = ({ type: 'reply'; id: number | null } & Reply<unknown>) | { type: 'event'; event: string; payload: unknown };

/** Turns zod issues into short, field-named messages safe to show and to log (no input values). */
export function describeIssues(error: z.ZodError): WireIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
}

export function issuesToText(issues: WireIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
