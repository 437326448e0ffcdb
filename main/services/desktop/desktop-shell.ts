import type { DesktopCaller, DesktopStatus } from '../../../preload/contract';

/** What main needs from the desktop around the window: the tray and the notification follow the call status. */
export interface DesktopShell {
  setStatus(status: DesktopStatus, caller: DesktopCaller | null): void;
}

/** The browser host (and tests): no tray, no OS notification; the page shows a Web Notification itself. */
export const noopDesktopShell: DesktopShell = { setStatus: () => {} };
