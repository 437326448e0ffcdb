import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVoice } from './VoiceContext';
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

/** Microphone, speaker and ringtone device, remembered on this workstation (device ids are per machine). */
export function AudioDevicesPanel() {
  const { t } = useTranslation();
  const { provider } = useVoice();
  const [open, setOpen] = useState(false);
  const [devices, setDevices] = useState<AudioDevices | null>(null);
  const [choice, setChoice] = useState<Choice>(savedChoice);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    provider
      .listDevices()
      .then(setDevices)
      .catch((e: unknown) => setError((e as Error).message));
  }, [open, provider]);

  const choose = (patch: Choice) => {
    const next = { ...choice, ...patch };
    setChoice(next);
    localStorage.setItem(storageKey, JSON.stringify(next));
    provider.setDevices(patch).catch((e: unknown) => setError((e as Error).message));
  };

  return (
    <div className="audio-devices">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('softphone.devices.button')}
      </button>
      {open && (
        <div className="audio-devices-panel" role="group" aria-label={t('softphone.devices.button')}>
          {error && (
            <p role="alert" className="inline-error">
              {error}
            </p>
          )}
          {!devices && !error && <p role="status">{t('softphone.devices.loading')}</p>}
          {devices && (
            <>
              <label>
                {t('softphone.devices.input')}
                <select value={choice.input ?? ''} onChange={(e) => choose({ input: e.target.value })}>
                  <option value="">{t('softphone.devices.default')}</option>
                  {devices.inputs.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </label>
              {(['output', 'ringtone'] as const).map((kind) => (
                <label key={kind}>
                  {t(`softphone.devices.${kind}`)}
                  <select value={choice[kind] ?? ''} disabled={!devices.outputSelectable} onChange={(e) => choose({ [kind]: e.target.value })}>
                    <option value="">{t('softphone.devices.default')}</option>
                    {devices.outputs.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.label}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              {!devices.outputSelectable && <p className="muted">{t('softphone.devices.outputNotSelectable')}</p>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
