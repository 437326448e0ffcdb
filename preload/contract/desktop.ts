import { z } from 'zod';
import { channel, event } from './channel';

/** What the desk shows outside its window (tray, OS notification): derived by the renderer from the call state. */
export const desktopStatuses = ['available', 'ringing', 'on-call', 'wrap-up', 'offline'] as const;
export const DesktopStatus = z.enum(desktopStatuses);
export type DesktopStatus = z.infer<typeof DesktopStatus>;

/**
 * Who is ringing, as far as a notification may say. On purpose there is no field for a name or anything else from
 * the record: an OS notification can show on a locked screen, so it carries the number and whether the number
 * belongs to a patient in the cache, nothing more (`strict`: a name sent along is refused, not dropped).
 */
export const DesktopCaller = z
  .object({
    number: z.string().max(64),
    knownPatient: z.boolean(),
  })
  .strict();
export type DesktopCaller = z.infer<typeof DesktopCaller>;

export const DesktopCallStatus = z
  .object({
    status: DesktopStatus,
    /** Only while ringing. */
    caller: DesktopCaller.nullable(),
  })
  .strict();
export type DesktopCallStatus = z.infer<typeof DesktopCallStatus>;

export const desktopCommands = ['answer', 'decline', 'hangUp', 'show'] as const;
export const DesktopCommand = z.enum(desktopCommands);
export type DesktopCommand = z.infer<typeof DesktopCommand>;

export const desktopChannels = {
  /** The renderer reports each change of status; main updates the tray and shows or closes the incoming-call notification. */
  callStatus: channel('desktop.callStatus', DesktopCallStatus, z.object({ ok: z.literal(true) })),
};

export const desktopEvents = {
  /** From a notification button, the tray menu or a global shortcut: the renderer runs it on the current call. */
  command: event('desktop.command', z.object({ command: DesktopCommand }).strict()),
};

type Language = 'en' | 'es';

const incomingTexts: Record<Language, { title: string; ending: (digits: string) => string; hidden: string }> = {
  en: { title: 'Incoming call', ending: (d) => `Number ending in ${d}`, hidden: 'Number not shown' },
  es: { title: 'Llamada entrante', ending: (d) => `Número que termina en ${d}`, hidden: 'Número oculto' },
};

/**
 * The one wording of the incoming-call notification, used by the Electron shell (OS notification) and the browser
 * host (Web Notification) alike: "Incoming call" and the number's last four digits. Never a name, the whole number
 * or whether the caller is a known patient: a notification may be read on a locked screen or a shared monitor.
 */
export function incomingCallNotification(caller: DesktopCaller, language: Language = 'en'): { title: string; body: string } {
  const t = incomingTexts[language];
  const digits = caller.number.replace(/\D/g, '');
  return { title: t.title, body: digits.length >= 4 ? t.ending(digits.slice(-4)) : t.hidden };
}
