import { useTranslation } from 'react-i18next';
import { defaultDispositions } from '../../../preload/contract';
import { useAppSelector } from '../../app/hooks';

/** A disposition's label: translated while it is one of ours unchanged, as the organisation wrote it otherwise. */
export function useDispositionLabel() {
  const { t, i18n } = useTranslation();
  const configured = useAppSelector((s) => s.settings.value.wrapUp.dispositions);
  return (id: string) => {
    const mine = configured.find((d) => d.id === id);
    const ours = defaultDispositions.find((d) => d.id === id);
    const key = `wrapUp.dispositions.${id}`;
    if (ours && (!mine || mine.label === ours.label) && i18n.exists(key)) return t(key);
    return mine?.label ?? id;
  };
}
