import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contract, defaultSettings, desktopStatuses, events, incomingCallNotification, type DesktopCaller, type DesktopStatus } from '../../preload/contract';
import { createEventBus } from '../../main/events';
import { desktopHandlers } from '../../main/handlers/desktop';
import { buildRegistry, dispatch, type Registration } from '../../main/handlers/registry';
import { encodePng, statusColors, statusIconPixels, statusIconPng } from '../../main/services/desktop/icon';
import type { DesktopShell } from '../../main/services/desktop/desktop-shell';
import { incomingNotification } from '../../main/services/desktop/incoming-notification';
import { createShortcutManager, sameAccelerator, shortcutBindings, type ShortcutRegistrar } from '../../main/services/desktop/shortcuts';
import { trayMenu, trayTexts } from '../../main/services/desktop/tray';
import { deriveDesktopStatus, type DesktopStatusInput } from '../../renderer/features/desktop/desktopStatus';

const known: DesktopCaller = { number: '+15555550123', knownPatient: true };
const unknown: DesktopCaller = { number: '+15555550199', knownPatient: false };
const ringing = { language: 'en' as const, desktop: { notifyIncoming: true } };

describe('the desktop contract', () => {
  it('takes a status and, while ringing, a caller with a number and known/unknown — and nothing else', () => {
    const req = contract.desktop.callStatus.request;
    expect(req.safeParse({ status: 'ringing', caller: known }).success).toBe(true);
    expect(req.safeParse({ status: 'available', caller: null }).success).toBe(true);
    expect(req.safeParse({ status: 'busy', caller: null }).success).toBe(false);
    // A name (or any other field from the record) is refused, never passed on to an OS notification.
    expect(req.safeParse({ status: 'ringing', caller: { ...known, name: 'Maria Lopez' } }).success).toBe(false);
    expect(events.desktop.command.payload.safeParse({ command: 'answer' }).success).toBe(true);
    expect(events.desktop.command.payload.safeParse({ command: 'transfer' }).success).toBe(false);
  });

  it('checks desktop.command events on the bus like every other event', () => {
    const lines: string[] = [];
    const bus = createEventBus((l) => lines.push(l));
    const got: unknown[] = [];
    bus.on((name, payload) => got.push([name, payload]));
    bus.emit('desktop.command', { command: 'hangUp' });
    bus.emit('desktop.command', { command: 'dial' });
    expect(got).toEqual([['desktop.command', { command: 'hangUp' }]]);
    expect(lines).toEqual(['not sending desktop.command: payload does not match the contract']);
  });
});

describe('desktop.callStatus handler', () => {
  it('hands the validated status to the desktop shell, and refuses what the contract refuses', async () => {
    const calls: unknown[] = [];
    const shell: DesktopShell = { setStatus: (status, caller) => calls.push([status, caller]) };
    const registrations: Registration[] = desktopHandlers({ desktop: shell });
    const registry = new Map(registrations.map((r) => [r.channel.name, r]));
    expect(await dispatch(registry, 'desktop.callStatus', { status: 'ringing', caller: unknown }, () => {})).toEqual({ ok: true, value: { ok: true } });
    const bad = await dispatch(registry, 'desktop.callStatus', { status: 'ringing', caller: { ...unknown, name: 'Maria Lopez' } }, () => {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([['ringing', unknown]]);
    // Part of the one registry every channel needs a handler in.
    expect(() => buildRegistry(registrations)).toThrow(/No handler for channel/);
  });
});

describe('incoming-call notification', () => {
  it('says "Incoming call" and the last four digits only: no whole number, no "known patient" (issue 15, point 5)', () => {
    expect(incomingNotification('ringing', known, ringing)).toEqual({
      title: 'Incoming call',
      body: 'Number ending in 0123',
      actions: [
        { command: 'answer', label: 'Answer' },
        { command: 'decline', label: 'Decline' },
      ],
    });
    expect(incomingNotification('ringing', unknown, ringing)?.body).toBe('Number ending in 0199');
    expect(incomingNotification('ringing', known, { language: 'es', desktop: { notifyIncoming: true } })).toMatchObject({
      title: 'Llamada entrante',
      body: 'Número que termina en 0123',
      actions: [{ label: 'Contestar' }, { label: 'Rechazar' }],
    });
    // The browser host's Web Notification uses the very same wording.
    expect(incomingCallNotification(unknown, 'en')).toEqual({ title: 'Incoming call', body: 'Number ending in 0199' });
    expect(incomingCallNotification({ ...unknown, number: 'anonymous' }, 'en').body).toBe('Number not shown');
  });

  it('never shows a name, even when one is slipped in beside the number', () => {
    const withName = { ...known, name: 'Maria Lopez', birthDate: '1961-04-02' } as DesktopCaller;
    for (const language of ['en', 'es'] as const) {
      const n = incomingNotification('ringing', withName, { language, desktop: { notifyIncoming: true } })!;
      const text = `${n.title} ${n.body} ${n.actions.map((a) => a.label).join(' ')}`;
      expect(text).not.toMatch(/Maria|Lopez|1961|555555/);
      expect(text).toContain('0123');
    }
  });

  it('is shown only while ringing, with a caller, and when the setting is on', () => {
    for (const status of desktopStatuses.filter((s) => s !== 'ringing')) expect(incomingNotification(status, known, ringing)).toBeNull();
    expect(incomingNotification('ringing', null, ringing)).toBeNull();
    expect(incomingNotification('ringing', known, { language: 'en', desktop: { notifyIncoming: false } })).toBeNull();
  });
});

describe('tray', () => {
  it('names the status in the tooltip and at the top of the menu', () => {
    expect(trayTexts('available')).toEqual({ tooltip: 'Ambassador Desk — Available', label: 'Available' });
    expect(trayTexts('on-call').tooltip).toBe('Ambassador Desk — On a call');
    expect(trayTexts('wrap-up').label).toBe('Wrap-up');
    expect(trayTexts('offline').label).toMatch(/Offline/);
    expect(trayTexts('ringing', 'es').tooltip).toBe('Ambassador Desk — Llamada entrante');
    const labels = desktopStatuses.map((s) => trayTexts(s).label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('enables Answer and Decline while ringing, Hang up on a call; Show and Quit always', () => {
    const enabled = (status: DesktopStatus) =>
      trayMenu(status)
        .filter((i) => i.kind === 'command' && i.enabled)
        .map((i) => (i.kind === 'command' ? i.command : ''));
    expect(enabled('ringing')).toEqual(['show', 'answer', 'decline']);
    expect(enabled('on-call')).toEqual(['show', 'hangUp']);
    expect(enabled('available')).toEqual(['show']);
    expect(enabled('wrap-up')).toEqual(['show']);
    expect(enabled('offline')).toEqual(['show']);
    const menu = trayMenu('ringing');
    expect(menu[0]).toEqual({ kind: 'label', label: 'Incoming call' });
    expect(menu.map((i) => ('label' in i ? i.label : '—'))).toEqual([
      'Incoming call',
      '—',
      'Show Ambassador Desk',
      'Answer',
      'Decline',
      'Hang up',
      '—',
      'Quit',
    ]);
    expect(menu.at(-1)).toEqual({ kind: 'quit', label: 'Quit' });
  });
});

/** Decodes the PNGs statusIconPng writes (8-bit RGBA, filter 0 on every row) back to pixels. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('tray icons', () => {
  const pixel = (rgba: Uint8Array, size: number, x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];

  it('are valid PNGs of the requested size that decode to the drawn pixels', () => {
    for (const size of [16, 32]) {
      const png = statusIconPng('available', size);
      const decoded = decodePng(png);
      expect(decoded).toMatchObject({ width: size, height: size });
      expect(Buffer.compare(decoded.rgba, Buffer.from(statusIconPixels('available', size)))).toBe(0);
    }
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(/expected 16 bytes/);
  });

  it('differ per status: solid colour, a white centre while ringing, hollow when offline; transparent corners', () => {
    const size = 16;
    for (const status of desktopStatuses) {
      const px = statusIconPixels(status, size);
      expect(pixel(px, size, 0, 0)).toEqual([0, 0, 0, 0]);
      const [r, g, b] = statusColors[status];
      // A point on the badge away from the centre has the status colour, opaque.
      expect(pixel(px, size, 8, 3)).toEqual([r, g, b, 255]);
    }
    expect(pixel(statusIconPixels('ringing', size), size, 8, 8)).toEqual([255, 255, 255, 255]);
    expect(pixel(statusIconPixels('offline', size), size, 8, 8)[3]).toBe(0);
    expect(pixel(statusIconPixels('on-call', size), size, 8, 8)).toEqual([...statusColors['on-call'], 255]);
    const pngs = desktopStatuses.map((s) => statusIconPng(s).toString('base64'));
    expect(new Set(pngs).size).toBe(desktopStatuses.length);
  });
});

describe('global shortcuts', () => {
  it('registers the two defaults, skips empty ones, and reports an accelerator given twice', () => {
    expect(shortcutBindings(defaultSettings.desktop.shortcuts)).toEqual({
      bindings: [
        { command: 'answer', accelerator: 'CommandOrControl+Shift+A' },
        { command: 'hangUp', accelerator: 'CommandOrControl+Shift+E' },
      ],
      notices: [],
    });
    expect(shortcutBindings({ answer: '', hangUp: 'F9' })).toEqual({ bindings: [{ command: 'hangUp', accelerator: 'F9' }], notices: [] });
    expect(shortcutBindings({ answer: '', hangUp: '' })).toEqual({ bindings: [], notices: [] });
    const same = shortcutBindings({ answer: 'CmdOrCtrl+Shift+F8', hangUp: 'Shift+CommandOrControl+F8' });
    expect(same.bindings).toEqual([{ command: 'answer', accelerator: 'CmdOrCtrl+Shift+F8' }]);
    expect(same.notices).toEqual([expect.stringMatching(/Shift\+CommandOrControl\+F8 is set to both answer a call and hang up.*desktop\.shortcuts\.hangUp/)]);
    expect(sameAccelerator('Ctrl+Alt+A', 'Option+Control+A')).toBe(true);
    expect(sameAccelerator('Control+A', 'Command+A')).toBe(false);
    expect(sameAccelerator('Control+Shift+A', 'Control+A')).toBe(false);
  });

  function fakeRegistrar(refuse: string[] = [], throwOn: string[] = []) {
    const active = new Map<string, () => void>();
    const log: string[] = [];
    const registrar: ShortcutRegistrar = {
      register(accelerator, callback) {
        log.push(`+${accelerator}`);
        if (throwOn.includes(accelerator)) throw new Error('conversion failure');
        if (refuse.includes(accelerator) || active.has(accelerator)) return false;
        active.set(accelerator, callback);
        return true;
      },
      unregister(accelerator) {
        log.push(`-${accelerator}`);
        active.delete(accelerator);
      },
    };
    return { registrar, active, log };
  }

  it('runs the command when a shortcut is pressed', () => {
    const fake = fakeRegistrar();
    const commands: string[] = [];
    const manager = createShortcutManager(fake.registrar, (c) => commands.push(c));
    expect(manager.apply(defaultSettings.desktop.shortcuts)).toEqual([]);
    fake.active.get('CommandOrControl+Shift+E')!();
    fake.active.get('CommandOrControl+Shift+A')!();
    expect(commands).toEqual(['hangUp', 'answer']);
  });

  it('reports an accelerator the system refuses (or cannot read) as a notice, and keeps the others', () => {
    const fake = fakeRegistrar(['CommandOrControl+Shift+A'], ['Alt+F1']);
    const manager = createShortcutManager(fake.registrar, () => {});
    const notices = manager.apply(defaultSettings.desktop.shortcuts);
    expect(notices).toEqual([
      expect.stringMatching(/^The global shortcut CommandOrControl\+Shift\+A \(answer a call\) could not be registered.*desktop\.shortcuts\.answer/),
    ]);
    expect(manager.registered()).toEqual([{ command: 'hangUp', accelerator: 'CommandOrControl+Shift+E' }]);
    expect(manager.apply({ answer: 'Alt+F1', hangUp: 'Alt+F2' }, 'es')).toEqual([expect.stringMatching(/^No se pudo registrar el atajo global Alt\+F1/)]);
  });

  it('re-registers only when the shortcuts change, releases the old ones, and clears all on quit', () => {
    const fake = fakeRegistrar();
    const manager = createShortcutManager(fake.registrar, () => {});
    manager.apply(defaultSettings.desktop.shortcuts);
    manager.apply({ ...defaultSettings.desktop.shortcuts });
    expect(fake.log).toEqual(['+CommandOrControl+Shift+A', '+CommandOrControl+Shift+E']);
    manager.apply({ answer: 'F8', hangUp: '' });
    expect(fake.log.slice(2)).toEqual(['-CommandOrControl+Shift+A', '-CommandOrControl+Shift+E', '+F8']);
    expect([...fake.active.keys()]).toEqual(['F8']);
    manager.clear();
    expect(fake.active.size).toBe(0);
    // After clear() the same settings register again (the app may apply them once more before it ends).
    expect(manager.apply({ answer: 'F8', hangUp: '' })).toEqual([]);
    expect([...fake.active.keys()]).toEqual(['F8']);
  });
});

describe('the status the renderer reports', () => {
  const base: DesktopStatusInput = { phase: 'idle', number: '', registered: true, lookupStatus: 'idle', matches: 0 };

  it('maps every phase of the call machine', () => {
    const status = (input: Partial<DesktopStatusInput>) => deriveDesktopStatus({ ...base, ...input }).report.status;
    expect(status({})).toBe('available');
    expect(status({ registered: false })).toBe('offline');
    for (const phase of ['dialing', 'connecting', 'active', 'on-hold', 'reconnecting'] as const) expect(status({ phase })).toBe('on-call');
    expect(status({ phase: 'wrap-up', registered: false })).toBe('wrap-up');
    expect(status({ phase: 'ringing', number: '+15555550123' })).toBe('ringing');
    expect(deriveDesktopStatus({ ...base, phase: 'active', number: '+15555550123' }).report.caller).toBeNull();
  });

  it('while ringing: the number, known patient when the lookup found one or more, settled once the lookup answered', () => {
    const ring = (lookupStatus: DesktopStatusInput['lookupStatus'], matches: number) =>
      deriveDesktopStatus({ ...base, phase: 'ringing', number: '+15555550123', lookupStatus, matches });
    expect(ring('loading', 0)).toEqual({ report: { status: 'ringing', caller: { number: '+15555550123', knownPatient: false } }, settled: false });
    expect(ring('idle', 0).settled).toBe(false);
    expect(ring('done', 1)).toEqual({ report: { status: 'ringing', caller: { number: '+15555550123', knownPatient: true } }, settled: true });
    expect(ring('done', 2).report.caller?.knownPatient).toBe(true);
    expect(ring('done', 0).report.caller?.knownPatient).toBe(false);
    expect(ring('failed', 0)).toMatchObject({ report: { caller: { knownPatient: false } }, settled: true });
  });
});
