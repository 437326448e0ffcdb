import { useTranslation } from 'react-i18next';
import { SaveState } from '../layout/SaveState';
import { teachBacks, type TeachBack } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { saveScriptOutcome } from './saveOutcome';
import { selectScriptProgress, teachBackSet } from './scriptSlice';

/** How the patient's teach-back went, recorded on the current contact as soon as it is chosen. */
export function TeachBackControl() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const value = useAppSelector((s) => selectScriptProgress(s).teachBack);
  const save = useAppSelector((s) => s.script.save);
  const choose = (v: TeachBack) => {
    dispatch(teachBackSet(value === v ? null : v));
    void dispatch(saveScriptOutcome());
  };
  return (
    <div className="teach-back">
      <div role="group" aria-label={t('script.teachBack.label')} className="segmented">
        {teachBacks.map((v) => (
          <button key={v} type="button" aria-pressed={value === v} onClick={() => choose(v)}>
            {t(`script.teachBack.${v}`)}
          </button>
        ))}
      </div>
      <SaveState save={save} />
    </div>
  );
}
