// The global shortcuts (answer, hang up): which to register from the settings, what to tell the agent when one is
// set twice or refused, and a manager that keeps the registered ones equal to the settings. No Electron here.
import type { DesktopCommand, Settings } from '../../../preload/contract';
import { desktopTexts, type Language } from './texts';

export type ShortcutCommand = Extract<DesktopCommand, 'answer' | 'hangUp'>;
export interface ShortcutBinding {
  command: ShortcutCommand;
  accelerator: string;
}

/**
 * The global shortcuts to register from the settings: empty ones are skipped; an accelerator given for both commands
 * is registered once, for answering, and the duplicate is reported.
 */
export function shortcutBindings(shortcuts: Settings['desktop']['shortcuts'], language: Language = 'en'): { bindings: ShortcutBinding[]; notices: string[] } {
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
  const t = desktopTexts[language].commands;
  return language === 'es'
    ? `El atajo global ${accelerator} está configurado para ${t[kept]} y para ${t[dropped]}; solo sirve para ${t[kept]}. Cambie desktop.shortcuts.${dropped} en la configuración.`
    : `The global shortcut ${accelerator} is set to both ${t[kept]} and ${t[dropped]}; it will only ${t[kept]}. Change desktop.shortcuts.${dropped} in the settings.`;
}

/** Said to the agent when the operating system refused a global shortcut (another application usually holds it). */
export function shortcutFailureNotice(binding: ShortcutBinding, language: Language = 'en'): string {
  const what = desktopTexts[language].commands[binding.command];
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
