import { messageOf } from '../../app/requestError';
import { useReportCallStatusMutation } from './api';
import { useEffect, useRef } from 'react';
import { incomingCallNotification, type DesktopCallStatus, type DesktopCommand } from '../../../preload/contract';
import { useAppSelector } from '../../app/hooks';
import { useTransport } from '../../app/TransportContext';
import { deriveDesktopStatus } from './desktopStatus';
import { useCallActions } from '../softphone/useCallActions';

/** How long a ringing call waits for the screen-pop lookup before it is reported without knowing the caller. */
const lookupWaitMs = 1500;

/**
 * The desk outside its window. Reports the call status to main whenever it changes (Electron: tray icon and menu,
 * OS notification with Answer / Decline); runs the commands main sends back (notification buttons, tray menu, global
 * shortcuts). In the browser host there is no tray: a ringing call shows a Web Notification instead (when
 * settings.desktop.notifyIncoming is on), with the number and known/unknown only, never the caller's name.
 */
export function useDesktopIntegration(): void {
  const transport = useTransport();
  const actions = useCallActions();
  const [reportCallStatus] = useReportCallStatusMutation();
  const phase = useAppSelector((s) => s.softphone.call.phase);
  const number = useAppSelector((s) => s.softphone.call.call?.from ?? '');
  const registered = useAppSelector((s) => s.softphone.registered);
  const lookupStatus = useAppSelector((s) => s.softphone.lookup.status);
  const matches = useAppSelector((s) => s.softphone.lookup.result?.matches.length ?? 0);
  const notifyIncoming = useAppSelector((s) => s.settings.value.desktop.notifyIncoming);
  const language = useAppSelector((s) => s.settings.value.language);
  const { report, settled } = deriveDesktopStatus({ phase, number, registered, lookupStatus, matches });
  const reportKey = JSON.stringify(report);

  const webNotifications = transport.kind === 'websocket' && typeof Notification !== 'undefined';
  const latest = useRef<DesktopCallStatus | null>(null);
  const sentKey = useRef<string | null>(null);
  const shown = useRef<Notification | null>(null);
  const askedPermission = useRef(false);
  const prefs = useRef({ notifyIncoming, language });
  useEffect(() => {
    prefs.current = { notifyIncoming, language };
  }, [notifyIncoming, language]);

  // Browser host only: the Web Notification follows the reported status (shown on ring, closed when it stops).
  const closeWebNotification = () => {
    const n = shown.current;
    shown.current = null;
    n?.close();
  };
  const showWebNotification = (r: DesktopCallStatus) => {
    if (!r.caller) return;
    closeWebNotification();
    const { title, body } = incomingCallNotification(r.caller, prefs.current.language);
    const n = new Notification(title, { body, tag: 'incoming-call', requireInteraction: true });
    n.onclick = () => {
      window.focus();
      n.close();
    };
    shown.current = n;
  };
  const updateWebNotification = (r: DesktopCallStatus) => {
    if (r.status !== 'ringing' || !r.caller) return closeWebNotification();
    if (!webNotifications || !prefs.current.notifyIncoming) return;
    if (Notification.permission === 'granted') return showWebNotification(r);
    // Asked once, on the first call that rings; a refusal is respected until the agent changes it in the browser.
    if (Notification.permission !== 'default' || askedPermission.current) return;
    askedPermission.current = true;
    void Notification.requestPermission()
      .then((permission) => {
        const now = latest.current;
        if (permission === 'granted' && now?.status === 'ringing' && prefs.current.notifyIncoming) showWebNotification(now);
      })
      .catch(() => {});
  };

  useEffect(() => {
    const send = () => {
      if (sentKey.current === reportKey) return;
      sentKey.current = reportKey;
      latest.current = report;
      void reportCallStatus(report).then((r) => {
        if (r.error) console.warn(`[desktop] status not reported: ${messageOf(r.error, 'unknown error')}`);
      });
      updateWebNotification(report);
    };
    if (settled) {
      send();
      return;
    }
    // Ringing, caller not looked up yet: report when the lookup answers, or after a short wait without it.
    const timer = setTimeout(send, lookupWaitMs);
    return () => clearTimeout(timer);
    // Keyed on the report's content (reportKey), not on the object made anew each render: one report per change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reportKey, settled, transport]);

  useEffect(() => {
    if (!notifyIncoming) closeWebNotification();
  }, [notifyIncoming]);

  // A reload or closing the page during a ring: the notification goes with it.
  useEffect(() => () => closeWebNotification(), []);

  useEffect(
    () =>
      transport.on('desktop.command', ({ command }: { command: DesktopCommand }) => {
        if (command === 'answer') actions.answer();
        else if (command === 'decline') actions.decline();
        else if (command === 'hangUp') actions.hangUp();
        // 'show': main has brought the window to the front already.
        else window.focus();
      }),
    [transport, actions],
  );
}
