import { useTranslation } from 'react-i18next';
import { SaveState } from '../layout/SaveState';
import { skipToken } from '@reduxjs/toolkit/query/react';
import { e164Pattern, type CallbackPromise } from '../../../preload/contract';
import { useNow } from '../../app/useNow';
import { useContactQuery } from '../contacts/api';
import { useDispositionLabel } from './useDispositionLabel';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { durations } from '../softphone/callMachine';
import { callFacts } from '../softphone/callFacts';
import { isInCallSession } from '../softphone/callPhases';
import { callInput, contactPatched, wrapUpChanged, type WrapUpForm } from '../softphone/softphoneSlice';
import { useCallSession } from '../softphone/CallSession';
import { Region } from '../layout/Region';

const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Disposition, notes and a callback promise for the current call, saved to the contact on every change; the scripts
 * used and their teach-back outcomes; the call's timers. Finishing wrap-up frees the desk for the next call.
 */
export function WrapUpPanel() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { provider } = useCallSession();
  const { call, wrapUp, save, contactId } = useAppSelector((s) => s.softphone);
  const now = useNow(isInCallSession(call.phase));
  // The scripts recorded on this contact: recording one invalidates the contact, so this follows.
  const used = useContactQuery(contactId ?? skipToken).currentData?.scripts ?? [];
  const saveContact = (patch: Parameters<typeof contactPatched>[0]) => dispatch(contactPatched(patch));
  const dispositions = useAppSelector((s) => s.settings.value.wrapUp.dispositions);
  const label = useDispositionLabel();

  if (!isInCallSession(call.phase) || !contactId) {
    return (
      <Region label={t('regions.wrapUp')} className="wrap-up">
        <p className="empty">{t('wrapUp.empty')}</p>
      </Region>
    );
  }
  const change = (patch: Partial<WrapUpForm>) => {
    dispatch(wrapUpChanged(patch));
    saveContact({
      ...(patch.disposition !== undefined ? { disposition: patch.disposition } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.callback !== undefined ? { callback: patch.callback } : {}),
    });
  };
  const cb = wrapUp.callback;
  const defaultNumber = call.call?.direction === 'inbound' ? call.call.from : (call.call?.to ?? '');
  const setCallback = (p: Partial<CallbackPromise> | null) => {
    if (p === null) return change({ callback: null });
    const next = { due: cb?.due ?? '', number: cb?.number ?? defaultNumber, reason: cb?.reason ?? '', ...p };
    // Saved once complete; the form keeps what is typed meanwhile.
    dispatch(wrapUpChanged({ callback: next }));
    if (next.due && next.reason.trim() && e164Pattern.test(next.number))
      saveContact({ callback: { ...next, due: next.due.length === 16 ? `${next.due}:00` : next.due } });
  };
  const d = durations(call, now);
  const done = call.phase === 'wrap-up';

  return (
    <Region label={t('regions.wrapUp')} className="wrap-up">
      <div className="wrap-up-form">
        <label>
          {t('wrapUp.disposition')}
          <select value={wrapUp.disposition ?? ''} onChange={(e) => change({ disposition: (e.target.value || null) as WrapUpForm['disposition'] })}>
            <option value="">{t('wrapUp.choose')}</option>
            {dispositions.map((x) => (
              <option key={x.id} value={x.id}>
                {label(x.id)}
              </option>
            ))}
          </select>
        </label>
        <label className="notes">
          {t('wrapUp.notes')}
          <textarea
            value={wrapUp.notes}
            rows={3}
            maxLength={20000}
            // Notes hold PHI: no OS spellchecker or autofill sees them.
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => change({ notes: e.target.value })}
          />
        </label>
        <fieldset className="callback">
          <legend>
            <label>
              <input type="checkbox" checked={cb !== null} onChange={(e) => setCallback(e.target.checked ? {} : null)} /> {t('wrapUp.callback')}
            </label>
          </legend>
          {cb && (
            <>
              <label>
                {t('wrapUp.callbackWhen')}
                <input type="datetime-local" value={cb.due.slice(0, 16)} onChange={(e) => setCallback({ due: e.target.value })} />
              </label>
              <label>
                {t('wrapUp.callbackNumber')}
                <input value={cb.number} inputMode="tel" onChange={(e) => setCallback({ number: e.target.value })} />
              </label>
              <label>
                {t('wrapUp.callbackWhy')}
                <input value={cb.reason} onChange={(e) => setCallback({ reason: e.target.value })} />
              </label>
            </>
          )}
        </fieldset>
      </div>
      {used.length > 0 && (
        <ul className="scripts-used">
          {used.map((u) => (
            <li key={`${u.source.type}/${u.source.id}`}>
              {t('wrapUp.scriptUsed', { title: u.title })}
              {u.teachBack ? ` · ${t(`script.teachBack.${u.teachBack}`)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p className="timers">{t('wrapUp.timers', { ring: secs(d.ringMs), talk: secs(d.talkMs), hold: secs(d.holdMs), wrap: secs(d.wrapUpMs) })}</p>
      <div className="wrap-up-actions">
        <SaveState save={save} />
        {done && (
          <button
            type="button"
            className="primary"
            disabled={!wrapUp.disposition}
            onClick={() => {
              const facts = callFacts(call, provider.kind === 'training', Date.now());
              saveContact({ ...(facts ? { call: facts } : {}), closed: true });
              dispatch(callInput({ kind: 'agent', command: { type: 'wrapUpDone' } }));
            }}
          >
            {t('wrapUp.finish')}
          </button>
        )}
      </div>
    </Region>
  );
}
