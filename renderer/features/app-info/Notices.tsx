import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { noticesDismissed } from './appInfoSlice';

/** Things main wants the agent to know once: a settings file or database that had to be set aside, a lost connection. */
export function Notices() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { info, dismissedNotices, connected, ended } = useAppSelector((s) => s.appInfo);
  const notices = info?.notices.filter((n) => !dismissedNotices.includes(n)) ?? [];
  return (
    <>
      {ended === 'secret_changed' && (
        <p role="alert" className="banner banner-warning">
          {t('app.secretChanged')}
        </p>
      )}
      {!connected && !ended && info && (
        <p role="status" className="banner banner-warning">
          {t('app.disconnected')}
        </p>
      )}
      {notices.length > 0 && (
        <div role="alert" aria-label={t('app.notices')} className="banner banner-notice">
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={() => dispatch(noticesDismissed())}>
            {t('app.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
