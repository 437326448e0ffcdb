import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallSession } from './CallSession';
import type { AudioDevices } from './voice/types';

const storageKey = 'desk.audioDevices';
type Choice = { input?: string; output?: string; ringtone?: string };

function savedChoice(): Choice {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Choice;
  } catch {
    return {};
  }
}

/**
 * Microphone, speaker and ringtone device, remembered on this workstation (device ids are per machine). The devices
 * are listed each time the panel is shown, so one plugged in meanwhile is there; the fields are there at once (the
 * system default until the list comes), so the keyboard finds them where it left them.
 */
export function AudioDevicesPanel() {
  const { t } = useTranslation();
  const { provider } = useCallSession();
  const [devices, setDevices] = useState<AudioDevices | null>(null);
  const [choice, setChoice] = useState<Choice>(savedChoice);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    provider
      .listDevices()
      .then((list) => current && setDevices(list))
      .catch((e: unknown) => current && setError((e as Error).message));
    return () => {
      current = false;
    };
  }, [provider]);

  const choose = (patch: Choice) => {
    const next = { ...choice, ...patch };
    setChoice(next);
    localStorage.setItem(storageKey, JSON.stringify(next));
    provider.setDevices(patch).catch((e: unknown) => setError((e as Error).message));
  };

  return (
    <fieldset className="audio-devices">
      <legend>{t('softphone.devices.button')}</legend>
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
      {!devices && !error && <p className="muted">{t('softphone.devices.loading')}</p>}
      <label>
        {t('softphone.devices.input')}
        <select value={choice.input ?? ''} onChange={(e) => choose({ input: e.target.value })}>
          <option value="">{t('softphone.devices.default')}</option>
          {devices?.inputs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {(['output', 'ringtone'] as const).map((kind) => (
        <label key={kind}>
          {t(`softphone.devices.${kind}`)}
          <select value={choice[kind] ?? ''} disabled={!devices?.outputSelectable} onChange={(e) => choose({ [kind]: e.target.value })}>
            <option value="">{t('softphone.devices.default')}</option>
            {devices?.outputs.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      {devices && !devices.outputSelectable && <p className="muted">{t('softphone.devices.outputNotSelectable')}</p>}
    </fieldset>
  );
}
