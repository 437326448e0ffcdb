import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../preload/contract';
import { skipToken } from '@reduxjs/toolkit/query/react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { patientOpened } from '../current-patient/currentPatientSlice';
import { PatientMarks } from '../patient-header/PatientMarks';
import { useSearchPatientsQuery } from './api';
import { queryChanged, searchSubmitted } from './patientSearchSlice';

const debounceMs = 200;

export function PatientSearch() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { query, searched } = useAppSelector((s) => s.patientSearch);
  const search = useSearchPatientsQuery(searched ? { text: searched } : skipToken);
  const results = (searched && search.data) || [];
  const status = !searched ? 'idle' : search.isFetching ? 'loading' : search.isError ? 'failed' : 'done';
  const error = search.isError ? messageOf(search.error, 'Search failed') : null;
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!query.trim()) return;
    const timer = setTimeout(() => dispatch(searchSubmitted()), debounceMs);
    return () => clearTimeout(timer);
  }, [query, dispatch]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const buttons = () => Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
  const moveFocus = (from: number, delta: number) => {
    const all = buttons();
    const next = from + delta;
    if (next < 0) input.current?.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  };

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveFocus(-1, 1);
    } else if (e.key === 'Enter' && query.trim()) {
      if (query.trim() === searched) void search.refetch();
      else dispatch(searchSubmitted());
    } else if (e.key === 'Escape') {
      dispatch(queryChanged(''));
    }
  };

  const onResultKey = (index: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      moveFocus(index, e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Escape') {
      input.current?.focus();
    }
  };

  const choose = (p: PatientSummary) => dispatch(patientOpened(p));
  // One identifier value under two systems (two hospitals' MRN 100200): each hit says whose it is.
  const systemsByValue = new Map<string, Set<string>>();
  for (const p of results) {
    if (p.matchedIdentifier)
      systemsByValue.set(p.matchedIdentifier.value, (systemsByValue.get(p.matchedIdentifier.value) ?? new Set()).add(p.matchedIdentifier.system));
  }
  const ambiguous = (p: PatientSummary) => !!p.matchedIdentifier && (systemsByValue.get(p.matchedIdentifier.value)?.size ?? 0) > 1;

  let statusText = '';
  if (status === 'loading') statusText = t('search.searching');
  else if (status === 'done') statusText = results.length ? t('search.count', { count: results.length }) : t('search.none', { query });
  else if (status === 'failed') statusText = t('search.failed', { error });

  return (
    <div role="search" className="patient-search">
      <label htmlFor="patient-search-input" className="search-label">
        {t('search.label')} <kbd>{t('search.shortcut')}</kbd>
      </label>
      <input
        id="patient-search-input"
        ref={input}
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => dispatch(queryChanged(e.target.value))}
        onKeyDown={onInputKey}
        aria-describedby="patient-search-status"
      />
      <p id="patient-search-status" role="status" className={status === 'failed' ? 'inline-error' : 'search-status'}>
        {statusText}
      </p>
      {results.length > 0 && status !== 'idle' && (
        <ul ref={list} className="search-results" aria-label={t('search.results')}>
          {results.map((p, i) => (
            <li key={p.id}>
              <button type="button" className="search-result" onClick={() => choose(p)} onKeyDown={onResultKey(i)}>
                <span className="result-name">
                  {p.name} <PatientMarks patient={p} />
                </span>
                <span className="result-meta">
                  {p.birthDate && t('search.born', { date: p.birthDate })}
                  {p.mrn && ` · ${t('search.mrn', { mrn: p.mrn })}`}
                  {ambiguous(p) && ` · ${t('search.identifier', { value: p.matchedIdentifier!.value, system: p.matchedIdentifier!.system })}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
