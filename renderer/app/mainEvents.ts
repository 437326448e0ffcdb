import { connectionChanged } from '../features/app-info/appInfoSlice';
import { importFinished, importProgressed } from '../features/import/importSlice';
import { settingsChanged } from '../features/settings/settingsSlice';
import type { AppDispatch } from './store';
import type { Transport } from './transport';

/** Main's events as actions: the slices and listeners take it from there. Returns the unsubscribe. */
export function subscribeToMain(transport: Transport, dispatch: AppDispatch): () => void {
  const offs = [
    transport.on('settings.changed', (s) => dispatch(settingsChanged(s))),
    transport.on('import.progress', (p) => dispatch(importProgressed(p))),
    transport.on('import.finished', (s) => dispatch(importFinished(s))),
    transport.onConnectionChange((connected, ended) => dispatch(connectionChanged(ended ? { connected, ended } : connected))),
  ];
  return () => offs.forEach((off) => off());
}
