import type { Strings } from './en';

export const es: Strings = {
  app: {
    title: 'Ambassador Desk',
    loading: 'Iniciando Ambassador Desk…',
    unreachable: 'Ambassador Desk no puede conectar con su servicio local: {{error}}',
    disconnected: 'Se perdió la conexión con el servicio local. Reconectando…',
    dismiss: 'Cerrar',
    notices: 'Mensajes de la aplicación',
  },
  regions: {
    softphone: 'Teléfono',
    patientHeader: 'Paciente',
    timeline: 'Historial',
    scriptPanel: 'Guion de explicación',
    wrapUp: 'Cierre de la llamada',
    status: 'Estado',
  },
  softphone: {
    training: 'PRÁCTICA',
    trainingHint: 'No hay telefonía configurada: las llamadas de práctica usan los datos locales.',
    live: 'Telefonía: {{endpoint}}',
  },
  search: {
    label: 'Buscar paciente',
    placeholder: 'Nombre, fecha de nacimiento (AAAA-MM-DD) o número de historia',
    shortcut: 'Ctrl+K',
    searching: 'Buscando…',
    none: 'Ningún paciente coincide con «{{query}}».',
    count_one: '{{count}} paciente encontrado',
    count_other: '{{count}} pacientes encontrados',
    results: 'Resultados de la búsqueda',
    born: 'Nació el {{date}}',
    mrn: 'Historia {{mrn}}',
    failed: 'La búsqueda falló: {{error}}',
  },
  patient: {
    none: 'No hay paciente seleccionado. Busque un paciente o atienda una llamada.',
    born: 'Fecha de nacimiento',
    mrn: 'Número de historia',
    phone: 'Teléfono',
    language: 'Idioma',
    gender: 'Sexo',
    unknown: 'Sin registrar',
    clear: 'Cerrar paciente',
  },
  timeline: {
    empty: 'Aquí aparecerán las visitas, los resultados, las facturas y los contactos anteriores del paciente.',
    selectFirst: 'Seleccione un paciente para ver su historial.',
  },
  script: {
    empty: 'Seleccione un resultado o una factura en el historial para abrir un guion en palabras sencillas.',
  },
  wrapUp: {
    empty: 'Aquí se registrarán el resultado, las notas y las devoluciones de llamada del contacto actual.',
  },
  settings: {
    theme: 'Tema',
    themeSystem: 'Sistema',
    themeLight: 'Claro',
    themeDark: 'Oscuro',
    language: 'Idioma',
    saveFailed: 'No se pudo guardar el ajuste: {{error}}',
  },
  status: {
    mode: 'Modo',
    modeElectron: 'Escritorio',
    modeHost: 'Navegador',
    data: 'Carpeta de datos',
    schema: 'Caché con esquema v{{version}}, cifrada',
    version: 'Versión {{version}}',
  },
};
