import type { z } from 'zod';

/** A request/reply channel: its name on the wire and the schemas both sides validate against. */
export interface Channel<Name extends string, Req extends z.ZodType, Res extends z.ZodType> {
  readonly name: Name;
  readonly request: Req;
  readonly reply: Res;
}

export function channel<Name extends string, Req extends z.ZodType, Res extends z.ZodType>(name: Name, request: Req, reply: Res): Channel<Name, Req, Res> {
  return { name, request, reply };
}

/** An event pushed from main to the renderer. */
export interface EventDef<Name extends string, Payload extends z.ZodType> {
  readonly name: Name;
  readonly payload: Payload;
}

export function event<Name extends string, Payload extends z.ZodType>(name: Name, payload: Payload): EventDef<Name, Payload> {
  return { name, payload };
}
