import { scriptListeners } from '../features/script-panel/listeners';
import { softphoneListeners } from '../features/softphone/listeners';
import { timelineListeners } from '../features/timeline/listeners';
import { appListeners } from './appListeners';
import type { AppStartListening } from './listeners';

/** Every feature's cross-feature reactions, registered once per store. */
export function registerListeners(start: AppStartListening): void {
  appListeners(start);
  softphoneListeners(start);
  scriptListeners(start);
  timelineListeners(start);
}
