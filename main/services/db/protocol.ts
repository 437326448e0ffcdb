export interface WorkerInit {
  file: string;
  key: Uint8Array;
  nativeBinding?: string;
}

export type ToWorker = { id: number; op: string; args: unknown } | { id: number; op: '__close' };

export type FromWorker =
  | { type: 'ready'; schemaVersion: number; setAside?: { reason: string; movedTo: string } }
  | { type: 'fatal'; code: string; message: string }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; code: string; message: string; agentReadable?: boolean };
