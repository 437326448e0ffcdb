import { describe, expect, it } from 'vitest';
import {
  allChannels,
  allEvents,
  contract,
  defaultDispositions,
  defaultShortcuts,
  defaultTransferDirectory,
  describeIssues,
  Settings,
  SettingsPatch,
} from '../../preload/contract';

describe('contract', () => {
  it('names every channel and event once', () => {
    const names = allChannels.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['app.info', 'settings.get', 'settings.set', 'patients.search']));
    expect(allEvents.map((e) => e.name)).toContain('settings.changed');
  });

  it('rejects a search that is empty, too long, of the wrong type or carries unknown fields, naming the field', () => {
    const req = contract.patients.search.request;
    const fieldsOf = (input: unknown) => {
      const r = req.safeParse(input);
      return r.success ? [] : describeIssues(r.error).map((i) => i.path);
    };
    expect(fieldsOf({ text: '   ' })).toEqual(['text']);
    expect(fieldsOf({ text: 'x'.repeat(201) })).toEqual(['text']);
    expect(fieldsOf({ text: 5 })).toEqual(['text']);
    expect(fieldsOf({ text: 'ana', limit: 1000 })).toEqual(['limit']);
    expect(fieldsOf({ text: 'ana', sql: 'drop table' })).toEqual(['(input)']);
    expect(req.parse({ text: '  ana ' })).toEqual({ text: 'ana', limit: 25 });
  });

  it('accepts only https endpoints (plain http only on this computer) for telephony and FHIR', () => {
    expect(SettingsPatch.safeParse({ telephony: { tokenEndpoint: 'https://voice.example.org/token' } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ telephony: { tokenEndpoint: '' } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ fhir: { baseUrl: 'http://127.0.0.1:8103/fhir/R4' } }).success).toBe(true);
    for (const bad of ['http://fhir.example.org/r4', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      const r = SettingsPatch.safeParse({ fhir: { baseUrl: bad } });
      expect(r.success, bad).toBe(false);
      if (!r.success) expect(describeIssues(r.error)[0]!.path).toBe('fhir.baseUrl');
    }
  });

  it('fills every setting with a default', () => {
    expect(Settings.parse({})).toEqual({
      theme: 'system',
      language: 'en',
      telephony: { tokenEndpoint: '', holdEndpoint: '', transferEndpoint: '', directory: defaultTransferDirectory },
      fhir: { baseUrl: '' },
      organisation: { country: 'US', timeZone: 'America/New_York', ignoreFictionalNumbers: false },
      wrapUp: { dispositions: defaultDispositions },
      desktop: { shortcuts: defaultShortcuts, notifyIncoming: true },
      privacy: { importReportDays: 30 },
    });
    expect(Settings.safeParse({ theme: 'purple' }).success).toBe(false);
    expect(Settings.safeParse({ desktop: { shortcuts: { answer: 'Shift' } } }).error?.issues[0]?.message).toMatch(/modifiers and a key/);
    expect(Settings.safeParse({ wrapUp: { dispositions: [] } }).error?.issues[0]?.message).toMatch(/at least one disposition/);
    expect(
      Settings.safeParse({
        wrapUp: {
          dispositions: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
        },
      }).error?.issues[0]?.message,
    ).toMatch(/used twice/);
  });
});
