import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../preload/contract';
import { messageOf } from '../../app/requestError';
import { useImportReportMutation } from './api';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { t, i18n } = useTranslation();
  const [fetchReport] = useImportReportMutation();
  const [error, setError] = useState<string | null>(null);
  const n = (x: number) => x.toLocaleString(i18n.language);
  const rows: [string, number][] = [
    [t('import.imported'), summary.imported],
    [t('import.updated'), summary.updated],
    [t('import.unchanged'), summary.unchanged],
    [t('import.deleted'), summary.deleted],
    [t('import.skipped'), summary.skipped],
    [t('import.rejected'), summary.rejected],
    [t('import.warnings'), summary.warnings],
  ];
  const getReport = async () => {
    const r = await fetchReport(summary.jobId);
    if (r.data) download(r.data.fileName, r.data.text);
    else setError(messageOf(r.error, 'The report could not be read'));
  };
  return (
    <section className="import-summary" aria-labelledby="import-summary-title">
      <h3 id="import-summary-title">
        {summary.error
          ? t('import.failed')
          : summary.cancelled
            ? t('import.cancelled')
            : t('import.finished', { label: summary.label, seconds: (summary.durationMs / 1000).toFixed(1) })}
      </h3>
      {summary.error && (
        <p role="alert" className="inline-error">
          {summary.error}
        </p>
      )}
      <table className="import-counts">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{n(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.failedBatches > 0 && <p className="inline-error">{t('import.failedBatches', { count: summary.failedBatches })}</p>}
      {summary.reasons.length > 0 && (
        <>
          <h4>{t('import.reasons')}</h4>
          <ul className="import-reasons">
            {summary.reasons.slice(0, 12).map((r) => (
              <li key={`${r.severity}${r.message}`}>
                <strong>{n(r.count)} ×</strong> {t(`import.severity.${r.severity}`)}: {r.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={() => void getReport()}>
        {t('import.downloadReport')}
      </button>
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
    </section>
  );
}
