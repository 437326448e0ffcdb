import { importFinished } from '../features/import/importSlice';
import { api, importedDataTags } from './api';
import type { AppStartListening } from './listeners';

/** Main's events reach cached data through tags: an import that finished makes every view of patient data reload. */
export function appListeners(start: AppStartListening): void {
  start({
    actionCreator: importFinished,
    effect: (_action, { dispatch }) => {
      dispatch(api.util.invalidateTags([...importedDataTags]));
    },
  });
}
