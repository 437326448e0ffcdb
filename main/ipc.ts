import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Reply } from '../preload/contract';
import { dispatch, type Logger, type Registry } from './handlers';
import { isAppUrl } from './security';

/** Only the app's own top-level frame may call main; anything else (an iframe, a navigated page) is refused. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export function registerIpc(registry: Registry, log: Logger): void {
  for (const name of registry.keys()) {
    ipcMain.handle(name, async (event, input: unknown): Promise<Reply<unknown>> => {
      if (!isTrustedSender(event)) {
        log(`refused ${name} from an untrusted frame`);
        return { ok: false, error: { code: 'forbidden', message: `${name} is only available to the app's own window` } };
      }
      return dispatch(registry, name, input, log);
    });
  }
}

/** Sends an event (already checked against the contract by the event bus) to a window. */
export function pushEvent(contents: WebContents, name: string, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(name, payload);
}
