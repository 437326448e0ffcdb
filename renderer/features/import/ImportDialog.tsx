import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useCancelImportMutation, useStartImportMutation } from './api';
import { importDialogClosed } from './importSlice';
import { ImportProgressBar } from './ImportProgressBar';
import { ImportSummaryView } from './ImportSummaryView';

/** "Import FHIR data…": a path field (the browser host cannot open the system dialog), progress, then the summary. */
export function ImportDialog() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [startImport] = useStartImportMutation();
  const [cancelImport] = useCancelImportMutation();
  const { running, last, error, importRoots } = useAppSelector((s) => s.imports);
  const [path, setPath] = useState('');
  const [source, setSource] = useState('');
  const [startedJob, setStartedJob] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    dialog.current?.showModal();
    input.current?.focus();
  }, []);

  const submit = async (e: FormEvent | KeyboardEvent) => {
    e.preventDefault();
    const paths = path
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!paths.length) return;
    const result = await startImport({ paths, ...(source.trim() ? { source: source.trim() } : {}) });
    if (result.data) setStartedJob(result.data.jobId);
  };
  const close = () => dispatch(importDialogClosed());
  const finished = last && (last.jobId === startedJob || (!startedJob && !running)) ? last : null;

  return (
    <dialog ref={dialog} className="import-dialog" aria-labelledby="import-title" onClose={close} onCancel={close}>
      <h2 id="import-title">{t('import.title')}</h2>
      {!running && !startedJob && (
        <form onSubmit={(e) => void submit(e)}>
          <label htmlFor="import-path">{t('import.pathLabel')}</label>
          <p className="hint" id="import-path-hint">
            {t('import.pathHint')}
            {importRoots?.length ? ` ${t('import.rootsHint', { roots: importRoots.join(', ') })}` : ''}
          </p>
          <textarea
            id="import-path"
            ref={input}
            rows={3}
            value={path}
            spellCheck={false}
            aria-describedby="import-path-hint"
            onChange={(e) => setPath(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
            placeholder="/home/agent/fhir-export"
          />
          <label htmlFor="import-source">{t('import.sourceLabel')}</label>
          <p className="hint" id="import-source-hint">
            {t('import.sourceHint')}
          </p>
          <input
            id="import-source"
            type="text"
            value={source}
            maxLength={120}
            aria-describedby="import-source-hint"
            onChange={(e) => setSource(e.target.value)}
            placeholder={t('import.sourcePlaceholder')}
          />
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={!path.trim()}>
              {t('import.start')}
            </button>
            <button type="button" onClick={close}>
              {t('import.close')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
      {running && (
        <>
          <ImportProgressBar progress={running} />
          <div className="dialog-actions">
            <button type="button" onClick={() => void cancelImport(running.jobId)}>
              {t('import.cancel')}
            </button>
          </div>
        </>
      )}
      {!running && finished && (
        <>
          <ImportSummaryView summary={finished} />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={close}>
              {t('import.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
