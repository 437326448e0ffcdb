import { createApi, type BaseQueryFn } from '@reduxjs/toolkit/query/react';
import type { ChannelName, RequestOf } from '../../preload/contract';
import { TransportError, type Transport } from './transport/types';

/** One request over the transport: a channel of the contract and its input. */
export interface ChannelRequest {
  channel: ChannelName;
  input: unknown;
}

/** Typed at the call (the input must fit the channel); the reply type is the endpoint's own. */
export const request = <N extends ChannelName>(channel: N, input: RequestOf<N>): ChannelRequest => ({ channel, input });

/** What a failed request tells the screen: the contract's error code and a sentence the agent may read. */
export interface RequestError {
  code: string;
  message: string;
}

export const requestErrorOf = (error: unknown): RequestError =>
  error instanceof TransportError
    ? { code: error.code, message: error.message }
    : { code: 'internal', message: error instanceof Error ? error.message : String(error) };

/** RTK Query over the desk's transport (Electron IPC or the browser host's WebSocket): every request goes through it. */
const transportBaseQuery: BaseQueryFn<ChannelRequest, unknown, RequestError> = async (args, api) => {
  const { transport } = api.extra as { transport: Transport };
  try {
    return { data: await transport.invoke(args.channel, args.input as never) };
  } catch (error) {
    return { error: requestErrorOf(error) };
  }
};

/**
 * The one API slice. Features add their endpoints with `api.injectEndpoints` in `features/<name>/api.ts`.
 * Tags are invalidated by main's events (see app/listeners.ts): an import that finishes invalidates what it changed.
 */
export const api = createApi({
  reducerPath: 'api',
  baseQuery: transportBaseQuery,
  tagTypes: ['AppInfo', 'Settings', 'Patients', 'Timeline', 'Contacts', 'ImportStatus'],
  endpoints: () => ({}),
});

/** Tags whose data an import can change. */
export const importedDataTags = ['Patients', 'Timeline', 'Contacts'] as const;
