import { describe, expect, it } from 'vitest';
import { peerPatientsByPhone, peerTimelineFirstPage, startFhirPeer } from '../bench/fhir-peer';

// Synthetic data only: 555 numbers, made-up names and ids.
const resources: Record<string, unknown>[] = [
  {
    resourceType: 'Patient',
    id: 'peer-pat-a',
    name: [{ family: 'Testperson', given: ['Ada'] }],
    telecom: [
      { system: 'phone', value: '(555) 010-0199', use: 'home' },
      { system: 'phone', value: '+15550100222', use: 'mobile' },
    ],
  },
  {
    resourceType: 'Patient',
    id: 'peer-pat-b',
    name: [{ family: 'Testperson', given: ['Ben'] }],
    telecom: [{ system: 'phone', value: '(555) 010-0199', use: 'home' }],
  },
  {
    resourceType: 'Observation',
    id: 'peer-obs-1',
    status: 'final',
    code: { text: 'Heart rate' },
    subject: { reference: 'Patient/peer-pat-a' },
    effectiveDateTime: '2024-03-01T08:00:00Z',
    valueQuantity: { value: 72, unit: '/min' },
  },
  {
    resourceType: 'Observation',
    id: 'peer-obs-2',
    status: 'final',
    code: { text: 'Heart rate' },
    subject: { reference: 'Patient/peer-pat-a' },
    effectiveDateTime: '2024-06-01T09:30:00Z',
    valueQuantity: { value: 75, unit: '/min' },
  },
  {
    resourceType: 'Observation',
    id: 'peer-obs-3',
    status: 'final',
    code: { text: 'Heart rate' },
    subject: { reference: 'Patient/peer-pat-b' },
    effectiveDateTime: '2025-01-01T00:00:00Z',
  },
  {
    resourceType: 'Encounter',
    id: 'peer-enc-1',
    status: 'finished',
    class: { code: 'AMB' },
    subject: { reference: 'Patient/peer-pat-a' },
    period: { start: '2024-02-10T10:00:00Z', end: '2024-02-10T10:30:00Z' },
  },
  {
    resourceType: 'ExplanationOfBenefit',
    id: 'peer-eob-1',
    status: 'active',
    use: 'claim',
    outcome: 'complete',
    type: { text: 'Professional' },
    patient: { reference: 'Patient/peer-pat-a' },
    created: '2024-07-15T00:00:00Z',
    billablePeriod: { start: '2024-07-01T14:00:00Z', end: '2024-07-01T15:00:00Z' },
    insurer: { display: 'Example Health Plan' },
    provider: { display: 'Example Clinic' },
  },
];

describe('FHIR peer (FhirRouter + MemoryRepository over HTTP)', () => {
  it('answers the caller lookup and the first timeline page from the loaded resources', async () => {
    const peer = await startFhirPeer(resources);
    try {
      expect(peer.loaded).toBe(resources.length);
      expect(new URL(peer.url).hostname).toBe('127.0.0.1');
      expect(peer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);

      // A shared household number finds both patients; a number only one of them has finds that one.
      expect((await peerPatientsByPhone(peer, '(555) 010-0199')).sort()).toEqual(['peer-pat-a', 'peer-pat-b']);
      expect(await peerPatientsByPhone(peer, '+15550100222')).toEqual(['peer-pat-a']);
      expect(await peerPatientsByPhone(peer, '+15550100999')).toEqual([]);

      // Two observations, the encounter and the EOB (placed at its billable period start).
      expect(await peerTimelineFirstPage(peer, 'peer-pat-a')).toEqual({ count: 4, newest: '2024-07-01T14:00:00.000Z' });
      expect(await peerTimelineFirstPage(peer, 'peer-pat-b')).toEqual({ count: 1, newest: '2025-01-01T00:00:00.000Z' });
      expect(await peerTimelineFirstPage(peer, 'nobody')).toEqual({ count: 0, newest: undefined });
    } finally {
      await peer.close();
    }
  });

  it('serves standard FHIR REST: read keeps the loaded id, errors are OperationOutcomes with their status', async () => {
    const peer = await startFhirPeer(resources);
    try {
      const read = await fetch(`${peer.url}/Patient/peer-pat-b`);
      expect(read.status).toBe(200);
      expect(read.headers.get('content-type')).toBe('application/fhir+json');
      expect(await read.json()).toMatchObject({ resourceType: 'Patient', id: 'peer-pat-b' });

      const missing = await fetch(`${peer.url}/Patient/not-there`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ resourceType: 'OperationOutcome' });

      const created = await fetch(`${peer.url}/Observation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Observation',
          status: 'final',
          code: { text: 'Weight' },
          subject: { reference: 'Patient/peer-pat-b' },
          effectiveDateTime: '2025-02-01',
        }),
      });
      expect(created.status).toBe(201);
      expect(await peerTimelineFirstPage(peer, 'peer-pat-b')).toEqual({ count: 2, newest: '2025-02-01T12:00:00.000Z' });

      const outside = await fetch(new URL('/metadata', peer.url));
      expect(outside.status).toBe(404);
    } finally {
      await peer.close();
    }
    await expect(fetch(`${peer.url}/Patient/peer-pat-b`)).rejects.toThrow();
  });

  it('refuses resources without an id rather than inventing one', async () => {
    await expect(startFhirPeer([{ resourceType: 'Patient' }])).rejects.toThrow(TypeError);
  });
});
