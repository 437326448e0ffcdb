// Sandboxed preload: bundled into one CommonJS file; only electron's renderer modules are available.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames, type DeskBridge } from './contract';

const channels = new Set(channelNames);
const eventSet = new Set(eventNames);

const desk: DeskBridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_channel', message: `Unknown channel "${String(channel)}"` },
      });
    }
    return ipcRenderer.invoke(channel, input) as Promise<unknown>;
  },
  on(event, listener) {
    if (!eventSet.has(event)) throw new Error(`Unknown event "${event}"`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('desk', desk);
