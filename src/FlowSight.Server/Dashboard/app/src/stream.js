// The WebSocket client: one connection, subscriptions kept across reconnects, exponential backoff with jitter,
// a keep-alive ping. Messages are handed to `onMessage` as parsed objects.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;
const PING_MS = 20000;

export class Stream {
  /**
   * @param {() => string|null} token current access token (null stops reconnecting)
   * @param {(msg: object) => void} onMessage
   * @param {(state: string, info: {reconnects: number, delayMs?: number}) => void} onState
   */
  constructor(token, onMessage, onState) {
    this.token = token;
    this.onMessage = onMessage;
    this.onState = onState;
    this.subs = new Map();
    this.ws = null;
    this.attempts = 0;
    this.reconnects = 0;
    this.timer = 0;
    this.pinger = 0;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.close(1000, 'logout');
      this.ws = null;
    }
    this.onState('disconnected', { reconnects: this.reconnects });
  }

  connect() {
    const token = this.token();
    if (this.stopped || !token) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/ws?access_token=${encodeURIComponent(token)}`);
    this.ws = ws;
    this.onState('connecting', { reconnects: this.reconnects });
    ws.onopen = () => {
      this.attempts = 0;
      this.onState('connected', { reconnects: this.reconnects });
      for (const sub of this.subs.values()) this.send({ op: 'subscribe', ...sub });
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({ op: 'ping' }), PING_MS);
    };
    ws.onmessage = (event) => {
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      this.onMessage(msg);
    };
    ws.onclose = () => {
      clearInterval(this.pinger);
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempts) * (0.5 + Math.random() * 0.5);
      this.attempts = Math.min(this.attempts + 1, 10);
      this.reconnects++;
      this.onState('reconnecting', { reconnects: this.reconnects, delayMs: delay });
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  send(obj) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(obj));
  }

  static key(sub) {
    return `${sub.topic}|${sub.instrument ?? ''}|${sub.interval ?? ''}`;
  }

  /** Subscribes now (when connected) and after every reconnect. */
  subscribe(sub) {
    const clean = Object.fromEntries(Object.entries(sub).filter(([, v]) => v !== undefined && v !== null));
    this.subs.set(Stream.key(clean), clean);
    this.send({ op: 'subscribe', ...clean });
  }

  unsubscribe(sub) {
    const clean = Object.fromEntries(Object.entries(sub).filter(([, v]) => v !== undefined && v !== null));
    if (this.subs.delete(Stream.key(clean))) this.send({ op: 'unsubscribe', ...clean });
  }
}
