import { useEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { isInCallSession } from '../softphone/callPhases';
import { useMediaQuery } from './useMediaQuery';

/** Side by side but under 1600 px wide, a call needs the search column's room for the timeline, script and wrap-up. */
const foldsInCall = '(min-width: 1000px) and (max-width: 1599px)';

/**
 * The patient search column, which folds to a narrow strip to give the work area its width: by the agent's choice,
 * and on its own during a call on a screen narrower than 1600 px (the agent can unfold it; the choice lasts until
 * the call starts or ends). Ctrl+K unfolds it first, so the search's own shortcut finds its field on screen.
 */
export function Sidebar({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const inCall = useAppSelector((s) => isInCallSession(s.softphone.call.phase));
  const narrow = useMediaQuery(foldsInCall);
  const [choice, setChoice] = useState<{ inCall: boolean; open: boolean } | null>(null);
  const open = choice && choice.inCall === inCall ? choice.open : !(inCall && narrow);
  const setOpen = (next: boolean) => setChoice({ inCall, open: next });

  useEffect(() => {
    if (open) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') flushSync(() => setChoice({ inCall, open: true }));
    };
    // Capture: runs before the search's listener, which then focuses a field that is already shown.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, inCall]);

  return (
    <aside className={`sidebar${open ? '' : ' folded'}`}>
      <div id="sidebar-content" className="sidebar-content" hidden={!open}>
        {children}
      </div>
      <button
        type="button"
        className="sidebar-toggle"
        aria-expanded={open}
        aria-controls="sidebar-content"
        title={open ? undefined : t('layout.shortcutHint')}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{open ? '«' : '»'}</span> <span>{open ? t('layout.hideSearch') : t('layout.showSearch')}</span>
      </button>
    </aside>
  );
}
