import { contract } from '../../preload/contract';
import type { DesktopShell } from '../services/desktop/desktop-shell';
import { handlersFor } from './registry';

export const desktopHandlers = (deps: { desktop: DesktopShell }) =>
  handlersFor(contract.desktop, {
    callStatus: ({ status, caller }) => {
      deps.desktop.setStatus(status, caller);
      return { ok: true as const };
    },
  });
