import { createListenerMiddleware, type ListenerMiddlewareInstance, type TypedStartListening } from '@reduxjs/toolkit';
import type { AppDispatch, RootState, ThunkExtra } from './store';

/** Cross-feature reactions ("opening a result opens its script") live in `features/<name>/listeners.ts`. */
export type AppStartListening = TypedStartListening<RootState, AppDispatch, ThunkExtra>;

// Untyped here and typed where features register (AppStartListening): the store's own type depends on this middleware.
export const createListeners = (extra: ThunkExtra): ListenerMiddlewareInstance => createListenerMiddleware({ extra });
