import type { z } from 'zod';
import { appChannels } from './app';
import { contactsChannels } from './contacts';
import { desktopChannels, desktopEvents } from './desktop';
import { importChannels, importEvents } from './import';
import { patientsChannels } from './patients';
import { scriptsChannels } from './scripts';
import { telephonyChannels } from './telephony';
import { trainingChannels } from './training';
import { settingsChannels, settingsEvents } from './settings';
import { timelineChannels } from './timeline';

export * from './app';
export * from './patients';
export * from './settings';
export * from './timeline';
export * from './import';
export * from './scripts';
export * from './contacts';
export * from './telephony';
export * from './training';
export * from './desktop';
export * from './wire';
export * from './errors';
export * from './ids';
export * from './display-units';
export * from './phone';
export * from './dispositions';
export * from './script-sources';
export * from './call-end';
export { channel, event } from './channel';
export type { Channel, EventDef } from './channel';

export const contract = {
  app: appChannels,
  settings: settingsChannels,
  patients: patientsChannels,
  timeline: timelineChannels,
  import: importChannels,
  scripts: scriptsChannels,
  contacts: contactsChannels,
  telephony: telephonyChannels,
  training: trainingChannels,
  desktop: desktopChannels,
};

export const events = {
  settings: settingsEvents,
  import: importEvents,
  desktop: desktopEvents,
};

type Groups = typeof contract;
type AnyChannel = { [G in keyof Groups]: Groups[G][keyof Groups[G]] }[keyof Groups];
type AnyEvent = { [G in keyof typeof events]: (typeof events)[G][keyof (typeof events)[G]] }[keyof typeof events];

export type ChannelName = AnyChannel['name'];
export type EventName = AnyEvent['name'];
type ChannelByName<N extends ChannelName> = Extract<AnyChannel, { name: N }>;
type EventByName<N extends EventName> = Extract<AnyEvent, { name: N }>;

/** What the caller passes (defaults may be omitted). */
export type RequestOf<N extends ChannelName> = z.input<ChannelByName<N>['request']>;
/** What the handler receives after validation. */
export type ParsedRequestOf<N extends ChannelName> = z.output<ChannelByName<N>['request']>;
export type ReplyOf<N extends ChannelName> = z.output<ChannelByName<N>['reply']>;
export type EventPayloadOf<N extends EventName> = z.output<EventByName<N>['payload']>;

export const allChannels: readonly AnyChannel[] = Object.values(contract).flatMap((group) => Object.values(group) as AnyChannel[]);
export const allEvents: readonly AnyEvent[] = Object.values(events).flatMap((group) => Object.values(group) as AnyEvent[]);

const byName = new Map<string, AnyChannel>(allChannels.map((c) => [c.name, c]));
export function findChannel(name: string): AnyChannel | undefined {
  return byName.get(name);
}
export const channelNames: readonly string[] = allChannels.map((c) => c.name);
export const eventNames: readonly string[] = allEvents.map((e) => e.name);

/** The surface the preload exposes as `window.desk` (and what the WebSocket transport mirrors). */
export interface DeskBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
