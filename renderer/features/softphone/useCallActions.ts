import { isEndable } from './callPhases';
import { useMemo } from 'react';
import { useAppDispatch, useAppStore } from '../../app/hooks';
import type { CallCommand } from './callMachine';
import { callInput, messageShown } from './softphoneSlice';
import { useCallSession } from './CallSession';

export interface CallActions {
  /** Answers the ringing call; nothing otherwise. */
  answer(): void;
  /** Declines the ringing call; nothing otherwise. */
  decline(): void;
  /** Declines a ringing call, ends a call being placed or in progress; nothing otherwise. */
  hangUp(): void;
}

/**
 * Answer, decline and hang up as the softphone's buttons do them (the machine is told, then the provider acts).
 * Each reads the call state when it runs, not when the component last rendered: a command from the tray, a
 * notification or a global shortcut may arrive at any time, twice, or after the call has moved on.
 */
export function useCallActions(): CallActions {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const { provider } = useCallSession();
  return useMemo(() => {
    const current = () => store.getState().softphone.call;
    const agent = (command: CallCommand) => dispatch(callInput({ kind: 'agent', command }));
    const fail = (e: unknown) => dispatch(messageShown((e as Error).message));
    const decline = () => {
      const { phase, call } = current();
      if (phase !== 'ringing') return;
      agent({ type: 'reject' });
      provider.reject(call?.id ?? '');
    };
    return {
      answer() {
        const { phase, call } = current();
        if (phase !== 'ringing') return;
        agent({ type: 'accept' });
        provider.accept(call?.id ?? '').catch(fail);
      },
      decline,
      hangUp() {
        const { phase, call } = current();
        if (phase === 'ringing') decline();
        else if (isEndable(phase)) provider.hangUp(call?.id ?? '');
      },
    };
  }, [dispatch, store, provider]);
}
