import { useTranslation } from 'react-i18next';

export interface SaveStatus {
  status: 'idle' | 'saving' | 'saved' | 'failed';
  error: string | null;
}

/** Whether what the agent just did is saved on the contact (a live region, so screen readers hear it). */
export function SaveState({ save }: { save: SaveStatus }) {
  const { t } = useTranslation();
  return (
    <span role="status" className={`save-state ${save.status}`}>
      {save.status === 'saving' && t('script.saving')}
      {save.status === 'saved' && t('script.saved')}
      {save.status === 'failed' && t('script.saveFailed', { error: save.error ?? '' })}
    </span>
  );
}
