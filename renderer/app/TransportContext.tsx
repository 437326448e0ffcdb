import { createContext, useContext } from 'react';
import type { Transport } from './transport';

export const TransportContext = createContext<Transport | null>(null);

export function useTransport(): Transport {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('TransportContext is missing');
  return transport;
}
