import { incomingCallNotification, type DesktopCaller, type DesktopCommand, type DesktopStatus, type Settings } from '../../../preload/contract';
import { desktopTexts } from './texts';

export interface IncomingNotification {
  title: string;
  body: string;
  /** Button labels, in the order the commands are listed. */
  actions: { command: Extract<DesktopCommand, 'answer' | 'decline'>; label: string }[];
}

/**
 * The OS notification for a ringing call, or null when there is none to show (not ringing, or turned off in the
 * settings). Number and known/unknown only: the notification may be read on a locked screen, so no name and no PHI.
 */
export function incomingNotification(
  status: DesktopStatus,
  caller: DesktopCaller | null,
  settings: Pick<Settings, 'language'> & { desktop: Pick<Settings['desktop'], 'notifyIncoming'> },
): IncomingNotification | null {
  if (status !== 'ringing' || !caller || !settings.desktop.notifyIncoming) return null;
  const t = desktopTexts[settings.language];
  return {
    ...incomingCallNotification(caller, settings.language),
    actions: [
      { command: 'answer', label: t.answer },
      { command: 'decline', label: t.decline },
    ],
  };
}
