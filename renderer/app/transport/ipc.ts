import type { DeskBridge } from '../../../preload/contract';
import { unwrapReply } from './reply';
import type { Transport } from './types';

export function ipcTransport(bridge: DeskBridge): Transport {
  return {
    kind: 'ipc',
    invoke: async (channel, input) => unwrapReply(await bridge.invoke(channel, input)),
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
    onConnectionChange: (listener) => {
      listener(true);
      return () => {};
    },
  };
}
