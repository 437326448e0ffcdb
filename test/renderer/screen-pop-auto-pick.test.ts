import { describe, expect, it } from 'vitest';
import type { CallerLookup, CallerMatch } from '../../preload/contract';
import { match as matchOf, patient } from './support/data';
import { lookupDone, lookupStarted, softphoneReducer } from '../../renderer/features/softphone/softphoneSlice';

const match = (id: string, extra: Partial<CallerMatch> = {}, more: Partial<CallerMatch['patient']> = {}): CallerMatch =>
  matchOf(patient(id, id, { birthDate: null, gender: null, mrn: null, phone: '+15554070001', language: null, ...more }), { phoneUse: 'home', ...extra });

const chosenAfter = (lookup: CallerLookup) => {
  const state = softphoneReducer(softphoneReducer(undefined, lookupStarted()), lookupDone(lookup));
  return state.callPatientId;
};

describe('the screen-pop takes a caller as the patient only when main allows it', () => {
  it('takes the one living patient on their own number', () => {
    expect(chosenAfter({ e164: '+15554070001', matches: [match('living')] })).toBe('living');
  });

  it('never takes a deceased patient, a retired record or a contact’s number on its own', () => {
    expect(chosenAfter({ e164: '+15554070002', matches: [match('deceased', { autoSelect: false }, { deceased: '2023-02-01' })] })).toBeNull();
    expect(chosenAfter({ e164: '+15554070003', matches: [match('retired', { autoSelect: false }, { active: false })] })).toBeNull();
    expect(chosenAfter({ e164: '+15554070004', matches: [match('child', { autoSelect: false, via: 'contact', viaLabel: 'Mother' })] })).toBeNull();
  });

  it('never picks one of several', () => {
    expect(chosenAfter({ e164: '+15554070005', matches: [match('a'), match('b')] })).toBeNull();
  });
});
