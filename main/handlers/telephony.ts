import { contract } from '../../preload/contract';
import type { TelephonyService } from '../services/telephony/service';
import { handlersFor } from './registry';

/**
 * The organisation's telephony endpoints are called from main, not from the page (whose CSP allows no such
 * connections). The service's TelephonyError is user-facing: its plain message (never the token) crosses as is.
 */
export const telephonyHandlers = (deps: { telephony: TelephonyService }) =>
  handlersFor(contract.telephony, {
    config: () => deps.telephony.config(),
    token: () => deps.telephony.token(),
    hold: ({ callSid, hold }) => deps.telephony.hold(callSid, hold),
    transfer: ({ callSid, targetId, mode }) => deps.telephony.transfer(callSid, targetId, mode),
  });
