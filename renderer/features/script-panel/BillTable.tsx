import { useTranslation } from 'react-i18next';
import type { Bill, ScriptLanguage } from '../../../preload/contract';
import { formatMoney } from '../timeline/format';

function money(cents: number | null, currency: string, lang: ScriptLanguage) {
  return cents === null ? '—' : formatMoney(cents, currency, lang === 'es' ? 'es-US' : 'en-US');
}

/** The bill's lines with their arithmetic, and whether they agree with the document's own totals. */
export function BillTable({ bill, language }: { bill: Bill; language: ScriptLanguage }) {
  const { t } = useTranslation();
  const m = (c: number | null) => money(c, bill.currency, language);
  return (
    <div className="bill">
      <table className="bill-table">
        <caption>{t('script.bill.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('script.bill.service')}</th>
            <th scope="col">{t('script.bill.charged')}</th>
            <th scope="col">{t('script.bill.allowed')}</th>
            <th scope="col">{t('script.bill.planPaid')}</th>
            <th scope="col">{t('script.bill.patient')}</th>
          </tr>
        </thead>
        <tbody>
          {bill.lines.map((l, i) => (
            <tr key={i} className={l.denied ? 'denied' : undefined}>
              <th scope="row">
                {l.service}
                {l.denied && <span className="badge denied">{t('script.bill.denied')}</span>}
                {l.math.map((row, k) => (
                  <span key={k} className="math">
                    {row}
                  </span>
                ))}
                {l.reasons.map((r) => (
                  <span key={r.code} className="reason">
                    {t('script.bill.reason', { code: r.code })} {r.text}
                  </span>
                ))}
              </th>
              <td>{m(l.chargedCents)}</td>
              <td>{m(l.allowedCents)}</td>
              <td>{m(l.planPaidCents)}</td>
              <td>{bill.adjudicated ? m(l.patientCents) : '—'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('script.bill.total')}</th>
            <td>{m(bill.chargedCents)}</td>
            <td />
            <td>{bill.adjudicated ? m(bill.planPaidCents) : '—'}</td>
            <td>{bill.adjudicated ? m(bill.patientCents) : '—'}</td>
          </tr>
        </tfoot>
      </table>
      {bill.check.matches ? (
        <p className="bill-check ok">{t('script.bill.totalsMatch')}</p>
      ) : (
        <div role="alert">
          <ul className="bill-check mismatch">
            {bill.check.totals
              .filter((x) => !x.matches)
              .map((x) => (
                <li key={x.what}>
                  {t('script.bill.mismatch', { what: t(`script.bill.what.${x.what}`), lines: m(x.linesCents), document: m(x.documentCents) })}
                </li>
              ))}
          </ul>
        </div>
      )}
    </div>
  );
}
