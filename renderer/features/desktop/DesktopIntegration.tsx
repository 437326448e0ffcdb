import { useDesktopIntegration } from './useDesktopIntegration';

/** Tray status, incoming-call notification and desktop commands; renders nothing. Mounted inside <CallSessionRoot>. */
export function DesktopIntegration() {
  useDesktopIntegration();
  return null;
}
