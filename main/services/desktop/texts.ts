// The words the desk uses outside its window (tray, notification, shortcut notices), in each language it speaks.
import type { Settings } from '../../../preload/contract';

export type Language = Settings['language'];

export const desktopTexts = {
  en: {
    app: 'Ambassador Desk',
    status: { available: 'Available', ringing: 'Incoming call', 'on-call': 'On a call', 'wrap-up': 'Wrap-up', offline: 'Offline (not registered)' },
    show: 'Show Ambassador Desk',
    answer: 'Answer',
    decline: 'Decline',
    hangUp: 'Hang up',
    quit: 'Quit',
    commands: { answer: 'answer a call', hangUp: 'hang up' },
  },
  es: {
    app: 'Ambassador Desk',
    status: {
      available: 'Disponible',
      ringing: 'Llamada entrante',
      'on-call': 'En llamada',
      'wrap-up': 'Cierre de la llamada',
      offline: 'Sin conexión (sin registrar)',
    },
    show: 'Mostrar Ambassador Desk',
    answer: 'Contestar',
    decline: 'Rechazar',
    hangUp: 'Colgar',
    quit: 'Salir',
    commands: { answer: 'contestar una llamada', hangUp: 'colgar' },
  },
} satisfies Record<Language, unknown>;
