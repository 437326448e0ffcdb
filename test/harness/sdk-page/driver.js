// Drives the real, unmodified @twilio/voice-sdk browser bundle (window.Twilio) for the gateway tests.
// Everything is exposed on window.sdk; the typed view is SdkDriver in ../sdk-page.ts.
(function () {
  const SOUNDS = [
    'incoming',
    'outgoing',
    'disconnect',
    'dtmf0',
    'dtmf1',
    'dtmf2',
    'dtmf3',
    'dtmf4',
    'dtmf5',
    'dtmf6',
    'dtmf7',
    'dtmf8',
    'dtmf9',
    'dtmfs',
    'dtmfh',
  ];
  const events = [];
  let device = null;
  let call = null;
  let incoming = null;

  const record = (name) => events.push(name);
  // "20104(31205)": the SDK's error code, then the gateway's code when the SDK mapped it to another one.
  const codeOf = (e) => {
    const code = e && typeof e.code === 'number' ? e.code : 'unknown';
    const original = e && e.originalError && typeof e.originalError.code === 'number' ? e.originalError.code : null;
    return original !== null && original !== code ? code + '(' + original + ')' : String(code);
  };

  function watchCall(c) {
    c.on('accept', () => record('call:accept'));
    c.on('ringing', () => record('call:ringing'));
    c.on('disconnect', () => record('call:disconnect'));
    c.on('cancel', () => record('call:cancel'));
    c.on('reject', () => record('call:reject'));
    c.on('reconnecting', (e) => record('call:reconnecting:' + codeOf(e)));
    c.on('reconnected', () => record('call:reconnected'));
    c.on('error', (e) => record('call:error:' + codeOf(e)));
    return c;
  }

  window.sdk = {
    events,
    soundNames: SOUNDS,
    createDevice(token, options) {
      const sounds = {};
      for (const name of SOUNDS) sounds[name] = location.origin + '/sounds/' + name + '.wav';
      device = new window.Twilio.Device(
        token,
        Object.assign(
          {
            chunderw: 'gateway.test',
            sounds,
            publishEvents: false,
            closeProtection: false,
            logLevel: 'warn',
          },
          options || {},
        ),
      );
      device.on('registered', () => record('device:registered'));
      device.on('unregistered', () => record('device:unregistered'));
      device.on('error', (e) => record('device:error:' + codeOf(e)));
      device.on('tokenWillExpire', () => record('device:tokenWillExpire'));
      device.on('incoming', (c) => {
        record('device:incoming');
        incoming = watchCall(c);
      });
      return true;
    },
    async register() {
      await device.register();
      return device.state;
    },
    async unregister() {
      await device.unregister();
      return device.state;
    },
    async connect(params) {
      call = watchCall(await device.connect({ params: params || {} }));
      return true;
    },
    acceptIncoming() {
      if (!incoming) throw new Error('no incoming call');
      call = incoming;
      incoming = null;
      call.accept();
    },
    rejectIncoming() {
      if (!incoming) throw new Error('no incoming call');
      incoming.reject();
      incoming = null;
    },
    hangup() {
      if (call) call.disconnect();
    },
    sendDigits(digits) {
      if (call) call.sendDigits(digits);
    },
    mute(shouldMute) {
      if (call) call.mute(shouldMute);
    },
    isMuted() {
      return call ? call.isMuted() : null;
    },
    // Test hook into the SDK's private media handler: what it does itself after ICE failures (a reinvite).
    iceRestart() {
      if (call) call._mediaHandler.iceRestart();
    },
    callStatus() {
      return call ? call.status() : null;
    },
    callSid() {
      return call ? call.parameters.CallSid || null : null;
    },
    incomingParameters() {
      return incoming ? Object.assign({}, incoming.parameters) : null;
    },
    deviceState() {
      return device ? device.state : null;
    },
    identity() {
      return device ? device.identity : null;
    },
    destroy() {
      if (device) device.destroy();
      device = null;
    },
  };
})();
