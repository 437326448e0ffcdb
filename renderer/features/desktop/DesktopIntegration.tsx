import { useDesktopIntegration } from './useDesktopIntegration';

/** Tray status, incoming-call notification and desktop commands; renders nothing. Mounted inside <VoiceRoot>. */
export function DesktopIntegration() {
  useDesktopIntegration();
  return null;
}
