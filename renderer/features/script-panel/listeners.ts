import type { AppStartListening } from '../../app/listeners';
import { eventOpened } from '../timeline/timelineSlice';
import { isScriptSourceType } from '../../../preload/contract';
import { scriptOpened } from './scriptSlice';

/** Opening a result or a bill in the timeline opens its script. */
export function scriptListeners(start: AppStartListening): void {
  start({
    actionCreator: eventOpened,
    effect: ({ payload: event }, { dispatch }) => {
      const type = event?.source.type;
      if (event && type && isScriptSourceType(type)) dispatch(scriptOpened({ patientId: event.patientId, source: { type, id: event.source.id } }));
    },
  });
}
