// The tray per call status: its tooltip and its menu. Pure (no Electron): main/desktop/shell.ts makes the calls.
import type { DesktopCommand, DesktopStatus } from '../../../preload/contract';
import { desktopTexts, type Language } from './texts';

/** The tray's tooltip, and the status line at the top of its menu (the icon's colour is never the only sign). */
export function trayTexts(status: DesktopStatus, language: Language = 'en'): { tooltip: string; label: string } {
  const t = desktopTexts[language];
  const label = t.status[status];
  return { tooltip: `${t.app} — ${label}`, label };
}

export type TrayMenuItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'command'; command: DesktopCommand; label: string; enabled: boolean }
  | { kind: 'quit'; label: string };

/** The tray's context menu: the status, then Show, Answer / Decline (while ringing), Hang up (on a call), Quit. */
export function trayMenu(status: DesktopStatus, language: Language = 'en'): TrayMenuItem[] {
  const t = desktopTexts[language];
  return [
    { kind: 'label', label: trayTexts(status, language).label },
    { kind: 'separator' },
    { kind: 'command', command: 'show', label: t.show, enabled: true },
    { kind: 'command', command: 'answer', label: t.answer, enabled: status === 'ringing' },
    { kind: 'command', command: 'decline', label: t.decline, enabled: status === 'ringing' },
    { kind: 'command', command: 'hangUp', label: t.hangUp, enabled: status === 'on-call' },
    { kind: 'separator' },
    { kind: 'quit', label: t.quit },
  ];
}
