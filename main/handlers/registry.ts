import crypto from 'node:crypto';
import type { z } from 'zod';
import { allChannels, describeIssues, internalErrorMessage, isAgentReadable, issuesToText, type Channel, type Reply } from '../../preload/contract';

type AnyChannel = Channel<string, z.ZodType, z.ZodType>;
type MaybePromise<T> = T | Promise<T>;

export interface Registration {
  readonly channel: AnyChannel;
  readonly handle: (input: never) => MaybePromise<unknown>;
}

/** Binds one group of channels to plain functions of their validated input. */
export function handlersFor<G extends Record<string, AnyChannel>>(
  group: G,
  impl: { [K in keyof G]: (input: z.output<G[K]['request']>) => MaybePromise<z.output<G[K]['reply']>> },
): Registration[] {
  return Object.keys(group).map((key) => ({ channel: group[key]!, handle: impl[key]! as Registration['handle'] }));
}

export type Registry = ReadonlyMap<string, Registration>;

/** Exactly one handler per contract channel: a missing, duplicate or unknown one is a start-up error. */
export function buildRegistry(registrations: readonly Registration[]): Registry {
  const map = new Map<string, Registration>();
  for (const r of registrations) {
    if (map.has(r.channel.name)) throw new Error(`Two handlers registered for ${r.channel.name}`);
    map.set(r.channel.name, r);
  }
  const known = new Set<string>(allChannels.map((c) => c.name));
  for (const name of map.keys()) if (!known.has(name)) throw new Error(`Handler for unknown channel ${name}`);
  for (const c of allChannels) if (!map.has(c.name)) throw new Error(`No handler for channel ${c.name}`);
  return map;
}

export type Logger = (line: string) => void;

/** How much of an error's text goes to the log. */
const maxLoggedChars = 300;

/**
 * An error text as it may be logged. Our own messages carry no patient data, but a library's may quote its input
 * (JSON.parse does), and a message written for the agent may name a date: quoted text and long numbers (phone
 * numbers, identifiers, dates) are masked, and the text is cut. Linear in the length of the text.
 */
export function logSafe(text: string): string {
  const cut = text.length > maxLoggedChars ? `${text.slice(0, maxLoggedChars)}…` : text;
  return cut.replace(/"[^"\n]*"|“[^”\n]*”/g, '"…"').replace(/\+?\d(?:[\s()./-]{0,2}\d){6,}/g, '#');
}

/** A short random id that ties what the agent is told to the full error in the log. */
function newErrorId(): string {
  return crypto.randomBytes(4).toString('hex').toUpperCase();
}

/** The frames of an error's stack (no message: that is logged once, masked), as one line. */
function stackLine(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 10)
    .map((line) => line.trim())
    .join(' < ');
}

/** The one path every request takes, from IPC or WebSocket: find, validate input, run, validate reply. */
export async function dispatch(registry: Registry, name: unknown, input: unknown, log: Logger): Promise<Reply<unknown>> {
  const registration = typeof name === 'string' ? registry.get(name) : undefined;
  if (!registration) {
    return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${String(name).slice(0, 100)}"` } };
  }
  const { channel } = registration;
  const parsed = channel.request.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    return {
      ok: false,
      error: { code: 'invalid_input', message: `Invalid input for ${channel.name}: ${issuesToText(issues)}`, issues },
    };
  }
  let value: unknown;
  try {
    value = await registration.handle(parsed.data as never);
  } catch (error) {
    const e = (error instanceof Error ? error : new Error(String(error))) as Error & { code?: unknown };
    const kind = `${e.name}${typeof e.code === 'string' ? ` [${e.code.slice(0, 40)}]` : ''}`;
    // Written for the agent: shown as it is.
    if (isAgentReadable(e)) {
      log(`${channel.name} failed: ${kind}: ${logSafe(e.message)}`);
      return { ok: false, error: { code: 'failed', message: e.message } };
    }
    // Anything else is ours to look into: the agent gets a plain sentence and an id, the log the details under it.
    const errorId = newErrorId();
    log(`${channel.name} failed (error id ${errorId}): ${kind}: ${logSafe(e.message)}`);
    const stack = stackLine(e);
    if (stack) log(`error id ${errorId} at: ${stack}`);
    return { ok: false, error: { code: 'failed', message: internalErrorMessage(errorId), errorId } };
  }
  const checked = channel.reply.safeParse(value);
  if (!checked.success) {
    const errorId = newErrorId();
    log(`${channel.name} produced an invalid reply (error id ${errorId}): ${issuesToText(describeIssues(checked.error))}`);
    return { ok: false, error: { code: 'invalid_reply', message: internalErrorMessage(errorId), errorId } };
  }
  return { ok: true, value: checked.data };
}
