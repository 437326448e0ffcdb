import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, defaultTransferDirectory, describeIssues, SettingsPatch } from '../../preload/contract';
import { dispatch } from '../../main/handlers/registry';
import { settingsHandlers } from '../../main/handlers/settings';
import { openConfSettings } from '../../main/services/settings/conf-backing';
import { settingsJsonSchema } from '../../main/services/settings/schema';
import { createSettingsService, setAsideInvalidSettings } from '../../main/services/settings/service';
import { memorySettings } from '../support/settings';
import { tempDir } from '../support/tmp';

describe('settings persisted by conf with the contract-derived schema', () => {
  it('derives the store schema from the contract', () => {
    const schema = settingsJsonSchema();
    expect(Object.keys(schema).sort()).toEqual(['desktop', 'fhir', 'language', 'organisation', 'privacy', 'telephony', 'theme', 'wrapUp']);
    expect(schema.theme).toMatchObject({ enum: ['system', 'light', 'dark'], default: 'system' });
  });

  it('keeps a change across restarts and tells listeners', () => {
    const dir = tempDir();
    const first = createSettingsService(openConfSettings(dir));
    const seen: string[] = [];
    first.onChange((s) => seen.push(s.theme));
    first.set({ theme: 'dark', telephony: { tokenEndpoint: 'https://voice.example.org/token' } });
    first.set({ language: 'es' });
    first.set({ desktop: { shortcuts: { answer: 'Alt+F9' } } });
    expect(seen).toEqual(['dark', 'dark', 'dark']);
    const reopened = createSettingsService(openConfSettings(dir));
    expect(reopened.get()).toEqual({
      theme: 'dark',
      language: 'es',
      telephony: { ...defaultSettings.telephony, tokenEndpoint: 'https://voice.example.org/token' },
      fhir: { baseUrl: '' },
      organisation: defaultSettings.organisation,
      wrapUp: defaultSettings.wrapUp,
      // Setting one shortcut keeps the other.
      desktop: { ...defaultSettings.desktop, shortcuts: { ...defaultSettings.desktop.shortcuts, answer: 'Alt+F9' } },
      privacy: defaultSettings.privacy,
    });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).language).toBe('es');
  });

  it('refuses an invalid value and leaves the stored settings as they were', () => {
    const dir = tempDir();
    const settings = createSettingsService(openConfSettings(dir));
    settings.set({ theme: 'light' });
    expect(() => settings.set({ theme: 'neon' } as never)).toThrow();
    expect(() => (openConfSettings(dir).store = { theme: 'neon' })).toThrow(/schema violation/i);
    expect(createSettingsService(openConfSettings(dir)).get().theme).toBe('light');
  });

  it('refuses a global shortcut without Ctrl, Cmd or Alt: a bare Shift+letter would fire while typing (issue 15)', () => {
    const settings = createSettingsService(openConfSettings(tempDir()));
    for (const bad of ['Shift+A', 'Shift+F9', 'A']) expect(() => settings.set({ desktop: { shortcuts: { answer: bad } } }), bad).toThrow();
    for (const good of ['Alt+Shift+A', 'CommandOrControl+Shift+E', 'Ctrl+F9', '']) {
      settings.set({ desktop: { shortcuts: { hangUp: good } } });
      expect(settings.get().desktop.shortcuts.hangUp).toBe(good);
    }
    expect(settings.get().desktop.shortcuts.answer).toBe(defaultSettings.desktop.shortcuts.answer);
  });

  it('moves an unreadable or hostile settings file aside and says what was wrong', () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{"theme": "dark", ');
    expect(setAsideInvalidSettings(file)).toMatch(/not valid JSON.*moved to .*settings\.json\.invalid-/);
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ theme: 'dark', telephony: { tokenEndpoint: 'javascript:alert(1)' } }));
    expect(setAsideInvalidSettings(file)).toMatch(/telephony\.tokenEndpoint: must be an https URL/);
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith('settings.json.invalid-'));
    expect(kept).toHaveLength(2);
    fs.writeFileSync(file, JSON.stringify({ theme: 'dark' }));
    expect(setAsideInvalidSettings(file)).toBeUndefined();
    expect(createSettingsService(openConfSettings(dir)).get().theme).toBe('dark');
  });
});

describe('telephony settings: hold and transfer endpoints and the transfer directory', () => {
  const nurse = { id: 'nurse-line', label: 'Nurse line', number: '+15555550101' };
  const fieldsOf = (patch: unknown) => {
    const r = SettingsPatch.safeParse(patch);
    return r.success ? [] : describeIssues(r.error).map((i) => `${i.path}: ${i.message}`);
  };

  it('starts with empty endpoints and an example directory of fictional 555-01xx numbers', () => {
    expect(defaultSettings.telephony).toEqual({ tokenEndpoint: '', holdEndpoint: '', transferEndpoint: '', directory: defaultTransferDirectory });
    expect(defaultTransferDirectory.map((t) => t.id)).toEqual(['nurse-line', 'billing-office', 'scheduling']);
    for (const t of defaultTransferDirectory) {
      expect(t.number).toMatch(/^\+155555501\d\d$/);
      expect(t.label).toMatch(/\(example\)$/);
    }
    const schema = settingsJsonSchema().telephony as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(['directory', 'holdEndpoint', 'tokenEndpoint', 'transferEndpoint']);
    expect(schema.properties.directory).toMatchObject({ type: 'array', maxItems: 20, default: defaultTransferDirectory });
  });

  it('refuses a hold or transfer endpoint that is not https (or http on this computer), naming the field', () => {
    expect(fieldsOf({ telephony: { holdEndpoint: 'https://voice.example.org/hold', transferEndpoint: 'http://127.0.0.1:8080/transfer' } })).toEqual([]);
    expect(fieldsOf({ telephony: { holdEndpoint: '', transferEndpoint: '' } })).toEqual([]);
    expect(fieldsOf({ telephony: { holdEndpoint: 'http://voice.example.org/hold' } })).toEqual([
      'telephony.holdEndpoint: must be an https URL (http only for this computer), or empty to leave it unset',
    ]);
    expect(fieldsOf({ telephony: { transferEndpoint: 'ftp://voice.example.org/transfer' } })).toEqual([
      'telephony.transferEndpoint: must be an https URL (http only for this computer), or empty to leave it unset',
    ]);
  });

  it('refuses an organisation country or time zone that is not one, naming the field', () => {
    expect(fieldsOf({ organisation: { country: 'MX', timeZone: 'America/Chicago' } })).toEqual([]);
    expect(fieldsOf({ organisation: { country: 'usa' } })).toEqual(['organisation.country: a two-letter country code (ISO 3166), like US or MX']);
    expect(fieldsOf({ organisation: { timeZone: 'Eastern' } })).toEqual(['organisation.timeZone: an IANA time zone name, like America/Chicago']);
  });

  it('changes one organisation default without resetting the others', () => {
    const settings = memorySettings({ organisation: { timeZone: 'America/Chicago', ignoreFictionalNumbers: true } });
    settings.set({ organisation: { country: 'MX' } });
    expect(settings.get().organisation).toEqual({ country: 'MX', timeZone: 'America/Chicago', ignoreFictionalNumbers: true });
  });

  it('refuses a directory entry without an E.164 number, a repeated id, unknown fields or more than 20 entries, naming the field', () => {
    expect(fieldsOf({ telephony: { directory: [nurse] } })).toEqual([]);
    expect(fieldsOf({ telephony: { directory: [] } })).toEqual([]);
    expect(fieldsOf({ telephony: { directory: [nurse, { ...nurse, id: 'x', number: '555-0101' }] } })).toEqual([
      'telephony.directory.1.number: must be a phone number in E.164 form, like +15551234567',
    ]);
    expect(fieldsOf({ telephony: { directory: [nurse, { ...nurse, label: 'Nurse again' }] } })).toEqual([
      'telephony.directory.1.id: the id "nurse-line" is used twice',
    ]);
    expect(fieldsOf({ telephony: { directory: [{ ...nurse, label: '' }] } })).toEqual([expect.stringMatching(/^telephony\.directory\.0\.label: /)]);
    expect(fieldsOf({ telephony: { directory: [{ ...nurse, extension: '12' }] } })).toEqual([expect.stringMatching(/^telephony\.directory\.0: /)]);
    const many = Array.from({ length: 21 }, (_, i) => ({ id: `line-${i}`, label: `Line ${i}`, number: `+155555501${String(i).padStart(2, '0')}` }));
    expect(fieldsOf({ telephony: { directory: many.slice(0, 20) } })).toEqual([]);
    expect(fieldsOf({ telephony: { directory: many } })).toEqual(['telephony.directory: must list at most 20 transfer targets']);
  });

  it('answers settings.set with the field named and stores nothing when a telephony value is bad', async () => {
    const dir = tempDir();
    const settings = createSettingsService(openConfSettings(dir));
    const registry = new Map(settingsHandlers({ settings }).map((r) => [r.channel.name, r]));
    const reply = await dispatch(registry, 'settings.set', { telephony: { holdEndpoint: 'http://pbx.example.org/hold' } }, () => {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'telephony.holdEndpoint' }] } });
    expect(settings.get().telephony.holdEndpoint).toBe('');
    const bad = await dispatch(registry, 'settings.set', { telephony: { directory: [{ id: 'a', label: 'A', number: '+0123' }] } }, () => {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'telephony.directory.0.number' }] } });
    expect(settings.get().telephony.directory).toEqual(defaultTransferDirectory);
  });

  it('keeps new endpoints and a replaced directory across restarts, leaving the other telephony fields alone', () => {
    const dir = tempDir();
    const first = createSettingsService(openConfSettings(dir));
    first.set({ telephony: { tokenEndpoint: 'https://voice.example.org/token' } });
    first.set({ telephony: { holdEndpoint: 'https://voice.example.org/hold', directory: [nurse] } });
    expect(createSettingsService(openConfSettings(dir)).get().telephony).toEqual({
      tokenEndpoint: 'https://voice.example.org/token',
      holdEndpoint: 'https://voice.example.org/hold',
      transferEndpoint: '',
      directory: [nurse],
    });
  });

  it('opens a settings file written before these fields existed, with their defaults', () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ theme: 'dark', telephony: { tokenEndpoint: 'https://voice.example.org/token' } }));
    expect(setAsideInvalidSettings(file)).toBeUndefined();
    expect(createSettingsService(openConfSettings(dir)).get().telephony).toEqual({
      ...defaultSettings.telephony,
      tokenEndpoint: 'https://voice.example.org/token',
    });
  });

  it('sets aside a file whose directory is unusable, naming the field', () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ telephony: { directory: [{ id: 'a', label: 'A', number: 'call me' }] } }));
    expect(setAsideInvalidSettings(file)).toMatch(/^Settings file was unusable \(telephony\.directory\.0\.number: must be a phone number in E\.164 form/);
    fs.writeFileSync(file, JSON.stringify({ telephony: { transferEndpoint: 'http://10.0.0.5/transfer' } }));
    expect(setAsideInvalidSettings(file)).toMatch(/telephony\.transferEndpoint: must be an https URL/);
  });
});
