import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { openScript, scriptPatientChanged, type ScriptSource } from './scriptSlice';

const scriptable: Record<string, ScriptSource['type']> = {
  Observation: 'Observation',
  DiagnosticReport: 'DiagnosticReport',
  Claim: 'Claim',
  ExplanationOfBenefit: 'ExplanationOfBenefit',
};

/** Opening a result or a bill in the timeline opens its script; another patient clears it. */
export function useScriptFollowsTimeline() {
  const dispatch = useAppDispatch();
  const patientId = useAppSelector((s) => s.timeline.patientId);
  const opened = useAppSelector((s) => s.timeline.events.find((e) => e.id === s.timeline.openEventId));
  useEffect(() => {
    dispatch(scriptPatientChanged(patientId));
  }, [patientId, dispatch]);
  const type = opened ? scriptable[opened.source.type] : undefined;
  const id = opened?.source.id;
  const eventPatient = opened?.patientId;
  useEffect(() => {
    if (type && id && eventPatient) void dispatch(openScript({ patientId: eventPatient, source: { type, id } }));
  }, [type, id, eventPatient, dispatch]);
}
