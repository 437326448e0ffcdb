import { contract, type AppInfo } from '../../preload/contract';
import { handlersFor } from './registry';

export const appHandlers = (deps: { appInfo: () => AppInfo }) =>
  handlersFor(contract.app, {
    info: () => deps.appInfo(),
  });
