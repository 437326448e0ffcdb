import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script, StepId } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { saveScriptOutcome } from './saveOutcome';
import { selectScriptProgress, stepToggled } from './scriptSlice';

export function ScriptSteps({ script }: { script: Script }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const done = useAppSelector((s) => selectScriptProgress(s).stepsDone);
  const [copied, setCopied] = useState<StepId | null>(null);
  const toggle = (id: StepId) => {
    dispatch(stepToggled(id));
    void dispatch(saveScriptOutcome());
  };
  const copy = async (id: StepId, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(id);
    } catch {
      setCopied(null);
    }
  };
  return (
    <ol className="script-steps">
      {script.steps.map((step, i) => {
        const spoken = step.lines
          .filter((l) => l.say && !l.when)
          .map((l) => l.text)
          .join(' ');
        const checkboxId = `step-${step.id}`;
        return (
          <li key={step.id} className={`script-step${done.includes(step.id) ? ' done' : ''}`}>
            <div className="step-head">
              <input id={checkboxId} type="checkbox" checked={done.includes(step.id)} onChange={() => toggle(step.id)} />
              <label htmlFor={checkboxId}>
                {i + 1}. {t(`script.steps.${step.id}`)}
              </label>
              <button
                type="button"
                className="link"
                onClick={() => void copy(step.id, spoken)}
                aria-label={t('script.copyStep', { step: t(`script.steps.${step.id}`) })}
              >
                {copied === step.id ? t('script.copied') : t('script.copy')}
              </button>
            </div>
            {step.lines.map((line, k) =>
              line.say && line.when ? (
                <div key={k} className="branch">
                  <p className="agent-note branch-when">{line.when}</p>
                  <p className="say" lang={script.language}>
                    {line.text}
                  </p>
                </div>
              ) : line.say ? (
                <p key={k} className={line.emphasis ? `say say-${line.emphasis}` : 'say'} lang={script.language}>
                  {line.text}
                </p>
              ) : (
                <p key={k} className="agent-note">
                  <span className="agent-tag">{t('script.agentOnly')}</span> {line.text}
                </p>
              ),
            )}
          </li>
        );
      })}
    </ol>
  );
}
