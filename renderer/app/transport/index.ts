import type { DeskBridge } from '../../../preload/contract';
import { ipcTransport } from './ipc';
import type { Transport } from './types';
import { hostSocketUrl, reloadOnNewAddress, websocketTransport } from './websocket';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

/** Electron's preload bridge when present; otherwise the browser host's WebSocket. */
export function createTransport(): Transport | { error: string } {
  if (window.desk) return ipcTransport(window.desk);
  const url = hostSocketUrl(window.location, window.sessionStorage, window.history);
  if (!url) {
    reloadOnNewAddress();
    return { error: 'This page needs the address printed by `npm start` (it carries a one-time key). Open that address again.' };
  }
  return websocketTransport(url);
}

export type { Transport } from './types';
export { TransportError } from './types';
