import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { allEvents, type Reply } from '../preload/contract';
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

/** Pushes a contract event to a window after checking the payload against its schema. */
export function pushEvent(contents: WebContents, name: string, payload: unknown, log: Logger): void {
  const def = allEvents.find((e) => e.name === name);
  const checked = def?.payload.safeParse(payload);
  if (!def || !checked?.success) {
    log(`not sending ${name}: ${def ? 'payload does not match the contract' : 'unknown event'}`);
    return;
  }
  if (!contents.isDestroyed()) contents.send(name, checked.data);
}
