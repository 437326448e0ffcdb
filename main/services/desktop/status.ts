// What the desk shows outside its window: tray texts and menu per status, the incoming-call notification, and which
// global shortcuts to register. Pure functions (no Electron): main/desktop/shell.ts turns them into Electron calls.
import {
  incomingCallNotification,
  type DesktopCaller,
  type DesktopCommand,
  type DesktopStatus,
  type Settings,
} from '../../../preload/contract';

type Language = Settings['language'];

/** What main needs from the desktop around the window: the tray and the notification follow the call status. */
export interface DesktopShell {
  setStatus(status: DesktopStatus, caller: DesktopCaller | null): void;
}

/** The browser host (and tests): no tray, no OS notification; the page shows a Web Notification itself. */
export const noopDesktopShell: DesktopShell = { setStatus: () => {} };

const texts = {
  en: {
    app: 'Ambassador Desk',
    status: { available: 'Available', ringing: 'Incoming call', 'on-call': 'On a call', 'wrap-up': 'Wrap-up', offline: 'Offline (not registered)' },
    show: 'Show Ambassador Desk',
    answer: 'Answer',
    decline: 'Decline',
    hangUp: 'Hang up',
    quit: 'Quit',
    commands: { answer: 'answer a call', hangUp: 'hang up' },
  },
  es: {
    app: 'Ambassador Desk',
    status: { available: 'Disponible', ringing: 'Llamada entrante', 'on-call': 'En llamada', 'wrap-up': 'Cierre de la llamada', offline: 'Sin conexión (sin registrar)' },
    show: 'Mostrar Ambassador Desk',
    answer: 'Contestar',
    decline: 'Rechazar',
    hangUp: 'Colgar',
    quit: 'Salir',
    commands: { answer: 'contestar una llamada', hangUp: 'colgar' },
  },
} satisfies Record<Language, unknown>;

/** The tray's tooltip, and the status line at the top of its menu (the icon's colour is never the only sign). */
export function trayTexts(status: DesktopStatus, language: Language = 'en'): { tooltip: string; label: string } {
  const t = texts[language];
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
  const t = texts[language];
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
  const t = texts[settings.language];
  return {
    ...incomingCallNotification(caller, settings.language),
    actions: [
      { command: 'answer', label: t.answer },
      { command: 'decline', label: t.decline },
    ],
  };
}

export type ShortcutCommand = Extract<DesktopCommand, 'answer' | 'hangUp'>;
export interface ShortcutBinding {
  command: ShortcutCommand;
  accelerator: string;
}

/**
 * The global shortcuts to register from the settings: empty ones are skipped; an accelerator given for both commands
 * is registered once, for answering, and the duplicate is reported.
 */
export function shortcutBindings(
  shortcuts: Settings['desktop']['shortcuts'],
  language: Language = 'en',
): { bindings: ShortcutBinding[]; notices: string[] } {
  const bindings: ShortcutBinding[] = [];
  const notices: string[] = [];
  for (const command of ['answer', 'hangUp'] as const) {
    const accelerator = shortcuts[command].trim();
    if (!accelerator) continue;
    const taken = bindings.find((b) => sameAccelerator(b.accelerator, accelerator));
    if (taken) {
      notices.push(sameShortcutNotice(accelerator, taken.command, command, language));
      continue;
    }
    bindings.push({ command, accelerator });
  }
  return { bindings, notices };
}

const modifierAliases: Record<string, string> = { cmdorctrl: 'commandorcontrol', cmd: 'command', ctrl: 'control', option: 'alt' };

/** Whether two accelerators are the same keys: "CmdOrCtrl+Shift+A" and "Shift+CommandOrControl+A" are. */
export function sameAccelerator(a: string, b: string): boolean {
  const canonical = (accelerator: string) => {
    const parts = accelerator.toLowerCase().split('+');
    const key = parts.pop() ?? '';
    return [...parts.map((m) => modifierAliases[m] ?? m).sort(), key].join('+');
  };
  return canonical(a) === canonical(b);
}

function sameShortcutNotice(accelerator: string, kept: ShortcutCommand, dropped: ShortcutCommand, language: Language): string {
  const t = texts[language].commands;
  return language === 'es'
    ? `El atajo global ${accelerator} está configurado para ${t[kept]} y para ${t[dropped]}; solo sirve para ${t[kept]}. Cambie desktop.shortcuts.${dropped} en la configuración.`
    : `The global shortcut ${accelerator} is set to both ${t[kept]} and ${t[dropped]}; it will only ${t[kept]}. Change desktop.shortcuts.${dropped} in the settings.`;
}

/** Said to the agent when the operating system refused a global shortcut (another application usually holds it). */
export function shortcutFailureNotice(binding: ShortcutBinding, language: Language = 'en'): string {
  const what = texts[language].commands[binding.command];
  return language === 'es'
    ? `No se pudo registrar el atajo global ${binding.accelerator} (${what}): puede que otra aplicación lo use. Elija otro en la configuración (desktop.shortcuts.${binding.command}); el atajo dentro de la ventana sigue funcionando.`
    : `The global shortcut ${binding.accelerator} (${what}) could not be registered: another application may be using it. Choose another in the settings (desktop.shortcuts.${binding.command}); the shortcut inside the window still works.`;
}

/** What the shortcut manager needs from Electron's globalShortcut (a fake in tests). */
export interface ShortcutRegistrar {
  /** False (or a throw) when the operating system refuses the accelerator. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/**
 * Keeps the registered global shortcuts equal to the settings: apply() after start and on every settings change
 * (a change to something else re-registers nothing), clear() on quit. apply() returns what the agent should be told.
 */
export function createShortcutManager(registrar: ShortcutRegistrar, onCommand: (command: ShortcutCommand) => void) {
  let registered: ShortcutBinding[] = [];
  let appliedKey: string | null = null;
  const clear = () => {
    for (const b of registered) registrar.unregister(b.accelerator);
    registered = [];
    appliedKey = null;
  };
  return {
    apply(shortcuts: Settings['desktop']['shortcuts'], language: Language = 'en'): string[] {
      const key = JSON.stringify([shortcuts.answer, shortcuts.hangUp, language]);
      if (key === appliedKey) return [];
      clear();
      appliedKey = key;
      const { bindings, notices } = shortcutBindings(shortcuts, language);
      for (const binding of bindings) {
        let ok: boolean;
        try {
          ok = registrar.register(binding.accelerator, () => onCommand(binding.command));
        } catch {
          ok = false;
        }
        if (ok) registered.push(binding);
        else notices.push(shortcutFailureNotice(binding, language));
      }
      return notices;
    },
    /** The shortcuts registered now. */
    registered: (): readonly ShortcutBinding[] => registered,
    clear,
  };
}
export type ShortcutManager = ReturnType<typeof createShortcutManager>;
