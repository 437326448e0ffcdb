// The desktop around the window, in Electron: tray icon and menu per call status, the incoming-call notification
// with Answer / Decline, and the global shortcuts. What to show is decided by the pure functions in
// main/services/desktop/ (unit-tested); this file only makes the Electron calls, so it stays small.
//
// Platform notes: notification buttons work on Windows (the app needs an AppUserModelID: main/index.ts sets it) and
// on macOS (signed app with NSUserNotificationAlertStyle=alert; the second button sits behind the first's menu). On
// Linux notifications have no buttons: clicking one brings the window to the front, where the agent answers. A tray
// on Linux needs a StatusNotifier/AppIndicator host (most desktops have one; GNOME needs the AppIndicator extension).
import { app, globalShortcut, Menu, nativeImage, Notification, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { DesktopCaller, DesktopCommand, DesktopStatus, Settings } from '../../preload/contract';
import { statusIconPng } from '../services/desktop/icon';
import type { DesktopShell } from '../services/desktop/desktop-shell';
import { incomingNotification } from '../services/desktop/incoming-notification';
import { createShortcutManager } from '../services/desktop/shortcuts';
import { trayMenu, trayTexts, type TrayMenuItem } from '../services/desktop/tray';

export interface ElectronShellOptions {
  settings: () => Settings;
  /** A notification button, a tray menu item or a global shortcut was used. */
  onCommand: (command: DesktopCommand) => void;
  /** Something the agent should be told (a global shortcut the system refused). */
  notify: (notice: string) => void;
  log: (line: string) => void;
}

export interface ElectronShell extends DesktopShell {
  /** After start and on every settings change: shortcuts, tray language, notification on or off. */
  applySettings(settings: Settings): void;
  /** On quit: closes the notification, unregisters the shortcuts, removes the tray icon. */
  dispose(): void;
}

export function createElectronShell(options: ElectronShellOptions): ElectronShell {
  const { onCommand, log } = options;
  const icons = new Map<DesktopStatus, NativeImage>();
  const iconFor = (s: DesktopStatus): NativeImage => {
    let image = icons.get(s);
    if (!image) {
      image = nativeImage.createFromBuffer(statusIconPng(s, 16), { scaleFactor: 1 });
      image.addRepresentation({ scaleFactor: 2, buffer: statusIconPng(s, 32) });
      icons.set(s, image);
    }
    return image;
  };

  let status: DesktopStatus = 'offline';
  let caller: DesktopCaller | null = null;
  let notification: Notification | null = null;
  let tray: Tray | null = null;
  try {
    tray = new Tray(iconFor(status));
    // Windows and Linux: a click on the icon shows the desk (macOS opens the menu instead).
    tray.on('click', () => onCommand('show'));
  } catch (error) {
    log(`no tray icon: ${(error as Error).message}`);
  }

  const menuItem = (item: TrayMenuItem): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'label':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'command':
        return { label: item.label, enabled: item.enabled, click: () => onCommand(item.command) };
      case 'quit':
        return { label: item.label, click: () => app.quit() };
    }
  };

  const renderTray = () => {
    if (!tray || tray.isDestroyed()) return;
    const language = options.settings().language;
    tray.setImage(iconFor(status));
    tray.setToolTip(trayTexts(status, language).tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(status, language).map(menuItem)));
  };

  const closeNotification = () => {
    const n = notification;
    notification = null;
    n?.close();
  };

  const showNotification = () => {
    const content = incomingNotification(status, caller, options.settings());
    if (!content || !Notification.isSupported()) return;
    closeNotification();
    const n = new Notification({
      title: content.title,
      body: content.body,
      icon: iconFor('ringing'),
      // The softphone rings already; the notification stays until the call stops ringing.
      silent: true,
      timeoutType: 'never',
      urgency: 'critical',
      actions: content.actions.map((a) => ({ type: 'button' as const, text: a.label })),
    });
    n.on('action', (details) => {
      const action = content.actions[details.actionIndex];
      if (action) onCommand(action.command);
    });
    n.on('click', () => onCommand('show'));
    n.on('close', () => {
      if (notification === n) notification = null;
    });
    n.on('failed', (_event, error) => log(`incoming-call notification failed: ${error}`));
    // Kept in `notification` so it is not garbage-collected while it is on screen (its events would be lost).
    notification = n;
    n.show();
  };

  const shortcuts = createShortcutManager(
    {
      register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
    },
    onCommand,
  );

  renderTray();
  return {
    setStatus(next, nextCaller) {
      const nextCallerOrNull = next === 'ringing' ? nextCaller : null;
      if (next === status && JSON.stringify(nextCallerOrNull) === JSON.stringify(caller)) return;
      const wasRinging = status === 'ringing';
      status = next;
      caller = nextCallerOrNull;
      renderTray();
      // Ringing again with more news (the lookup found the patient): the notification is replaced.
      if (status === 'ringing') showNotification();
      else if (wasRinging) closeNotification();
    },
    applySettings(settings) {
      for (const notice of shortcuts.apply(settings.desktop.shortcuts, settings.language)) options.notify(notice);
      renderTray();
      if (!settings.desktop.notifyIncoming) closeNotification();
    },
    dispose() {
      closeNotification();
      shortcuts.clear();
      tray?.destroy();
      tray = null;
    },
  };
}
