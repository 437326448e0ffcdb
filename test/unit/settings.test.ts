import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConfSettings } from '../../main/services/settings/conf-backing';
import { settingsJsonSchema } from '../../main/services/settings/schema';
import { createSettingsService, setAsideInvalidSettings } from '../../main/services/settings/service';
import { tempDir } from '../support/tmp';

describe('settings persisted by conf with the contract-derived schema', () => {
  it('derives the store schema from the contract', () => {
    const schema = settingsJsonSchema();
    expect(Object.keys(schema).sort()).toEqual(['fhir', 'language', 'telephony', 'theme']);
    expect(schema.theme).toMatchObject({ enum: ['system', 'light', 'dark'], default: 'system' });
  });

  it('keeps a change across restarts and tells listeners', () => {
    const dir = tempDir();
    const first = createSettingsService(openConfSettings(dir));
    const seen: string[] = [];
    first.onChange((s) => seen.push(s.theme));
    first.set({ theme: 'dark', telephony: { tokenEndpoint: 'https://voice.example.org/token' } });
    first.set({ language: 'es' });
    expect(seen).toEqual(['dark', 'dark']);
    const reopened = createSettingsService(openConfSettings(dir));
    expect(reopened.get()).toEqual({
      theme: 'dark',
      language: 'es',
      telephony: { tokenEndpoint: 'https://voice.example.org/token' },
      fhir: { baseUrl: '' },
    });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).language).toBe('es');
  });

  it('refuses an invalid value and leaves the stored settings as they were', () => {
    const dir = tempDir();
    const settings = createSettingsService(openConfSettings(dir));
    settings.set({ theme: 'light' });
    expect(() => settings.set({ theme: 'neon' } as never)).toThrow();
    expect(() => openConfSettings(dir).store = { theme: 'neon' }).toThrow(/schema violation/i);
    expect(createSettingsService(openConfSettings(dir)).get().theme).toBe('light');
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
