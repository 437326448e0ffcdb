import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { CallCommand } from './callMachine';
import { isEndable, isOnTheLine } from './callPhases';
import { useCallSession } from './CallSession';
import { callInput, messageShown } from './softphoneSlice';
import { useCallActions } from './useCallActions';
import { useDial } from './useDial';

const keypad = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/**
 * The controls a call needs at hand, each a button and, where it matters, a key: answer and decline; mute, hold,
 * keypad and hang up; the number field to dial. Transfer and the rest are under "More…" (SoftphoneBar).
 */
export function CallControls() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { provider } = useCallSession();
  const { phase, call, muted } = useAppSelector((s) => s.softphone.call);
  const [dialTo, setDialTo] = useState('');
  const [showKeypad, setShowKeypad] = useState(false);
  const keypadButton = useRef<HTMLButtonElement>(null);
  const id = call?.id ?? '';
  const agent = (command: CallCommand) => dispatch(callInput({ kind: 'agent', command }));
  const fail = (e: unknown) => dispatch(messageShown((e as Error).message));

  const { answer, decline, hangUp } = useCallActions();
  const hold = async (on: boolean) => {
    try {
      await provider.hold(id, on);
      agent({ type: on ? 'hold' : 'resume' });
    } catch (e) {
      fail(e);
    }
  };
  const placeCall = useDial();
  const dial = async () => {
    if (await placeCall(dialTo)) setDialTo('');
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey && e.shiftKey)) return;
      const k = e.key.toLowerCase();
      if (k === 'a' || k === 'e') {
        e.preventDefault();
        if (k === 'a') answer();
        else hangUp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [answer, hangUp]);

  const onTheLine = isOnTheLine(phase);
  const settled = phase === 'active' || phase === 'on-hold';
  const holdOk = settled ? provider.holdAvailability() : { available: false as const, reason: t('softphone.phase.reconnecting') };
  return (
    <div className="call-controls">
      {phase === 'ringing' && (
        <>
          <button type="button" className="primary" onClick={answer} aria-keyshortcuts="Control+Shift+A">
            {t('softphone.answer')}
          </button>
          <button type="button" onClick={decline}>
            {t('softphone.decline')}
          </button>
        </>
      )}
      {onTheLine && (
        <>
          <button
            type="button"
            aria-pressed={muted}
            onClick={() => {
              provider.setMuted(id, !muted);
              agent({ type: muted ? 'unmute' : 'mute' });
            }}
          >
            {muted ? t('softphone.unmute') : t('softphone.mute')}
          </button>
          <button
            type="button"
            aria-pressed={phase === 'on-hold'}
            disabled={!holdOk.available}
            title={holdOk.available ? undefined : holdOk.reason}
            onClick={() => void hold(phase !== 'on-hold')}
          >
            {phase === 'on-hold' ? t('softphone.resume') : t('softphone.hold')}
          </button>
          <button type="button" ref={keypadButton} aria-expanded={showKeypad} onClick={() => setShowKeypad(!showKeypad)}>
            {t('softphone.keypad')}
          </button>
        </>
      )}
      {isEndable(phase) && (
        <button type="button" className="danger" onClick={hangUp} aria-keyshortcuts="Control+Shift+E">
          {t('softphone.hangUp')}
        </button>
      )}
      {onTheLine && showKeypad && (
        <div
          role="group"
          aria-label={t('softphone.keypad')}
          className="keypad"
          onKeyDown={(e) => {
            // Typed digits go to the call too; Escape closes the pad and returns to its button.
            if (e.key === 'Escape') {
              e.preventDefault();
              setShowKeypad(false);
              keypadButton.current?.focus();
            } else if (keypad.includes(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) {
              e.preventDefault();
              provider.sendDigits(id, e.key);
            }
          }}
        >
          {keypad.map((k) => (
            <button key={k} type="button" onClick={() => provider.sendDigits(id, k)}>
              {k}
            </button>
          ))}
        </div>
      )}
      {phase === 'idle' && (
        <form
          className="dial"
          onSubmit={(e) => {
            e.preventDefault();
            void dial();
          }}
        >
          <input
            aria-label={t('softphone.dialLabel')}
            placeholder={t('softphone.dialPlaceholder')}
            value={dialTo}
            onChange={(e) => setDialTo(e.target.value)}
            inputMode="tel"
          />
          <button type="submit" disabled={!dialTo.trim()}>
            {t('softphone.dial')}
          </button>
        </form>
      )}
    </div>
  );
}
