import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { ImportDialog } from './ImportDialog';
import { importDialogOpened, pickAndStartImport } from './importSlice';
import { ImportProgressBar } from './ImportProgressBar';

/** The "Import FHIR data…" command (Ctrl+I), and a progress strip while any import runs (the first-start demo load too). */
export function ImportButton() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { dialogOpen, running, pickerSupported } = useAppSelector((s) => s.imports);

  const open = async () => {
    // Electron offers the system dialog; the browser host answers "not supported" and the path dialog opens.
    if (pickerSupported !== false) {
      const result = await dispatch(pickAndStartImport());
      if (pickAndStartImport.fulfilled.match(result) && result.payload.supported) return;
    }
    dispatch(importDialogOpened());
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'i') {
        e.preventDefault();
        void open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <>
      <button type="button" onClick={() => void open()} aria-keyshortcuts="Control+I">
        {t('import.command')}
      </button>
      {dialogOpen && <ImportDialog />}
      {running && !dialogOpen && (
        <div className="import-strip" role="status">
          <ImportProgressBar progress={running} />
        </div>
      )}
    </>
  );
}
