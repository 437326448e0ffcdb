import type { z } from 'zod';
import { allChannels, describeIssues, issuesToText, type Channel, type Reply } from '../../preload/contract';

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

/** An error whose message is written for the agent and may be shown as is. */
export class UserFacingError extends Error {
  readonly userFacing = true;
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
    const e = error as Error & { userFacing?: boolean; code?: unknown };
    // Log the error's kind and message only: our messages never carry patient data.
    log(`${channel.name} failed: ${e.name}${typeof e.code === 'string' ? ` [${e.code}]` : ''}: ${e.message}`);
    return {
      ok: false,
      error: { code: 'failed', message: e.userFacing ? e.message : `${channel.name} failed: ${e.message}` },
    };
  }
  const checked = channel.reply.safeParse(value);
  if (!checked.success) {
    log(`${channel.name} produced an invalid reply: ${issuesToText(describeIssues(checked.error))}`);
    return { ok: false, error: { code: 'invalid_reply', message: `${channel.name} produced a reply that does not match the contract` } };
  }
  return { ok: true, value: checked.data };
}
