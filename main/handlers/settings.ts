import { contract } from '../../preload/contract';
import type { SettingsService } from '../services/settings/service';
import { handlersFor } from './registry';

export const settingsHandlers = (deps: { settings: SettingsService }) =>
  handlersFor(contract.settings, {
    get: () => deps.settings.get(),
    set: (patch) => deps.settings.set(patch),
  });
