// Number and time formatting shared by the panels. Prices and sizes arrive as JSON numbers (the server's decimals).

/** Formats with a fixed number of decimals; '–' for null/undefined/NaN. */
export function fixed(value, decimals) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
  return Number(value).toFixed(Math.max(0, Math.min(20, decimals)));
}

/** Formats a size: up to `decimals` places, trailing zeros kept short for big numbers. */
export function size(value, decimals = 4) {
  if (value === null || value === undefined) return '–';
  const v = Number(value);
  if (Math.abs(v) >= 1e6) return (v / 1e6).toFixed(2) + 'M';
  if (Math.abs(v) >= 1e4) return (v / 1e3).toFixed(1) + 'k';
  return v.toFixed(decimals);
}

/** A money amount with two decimals and a sign when asked. */
export function money(value, signed = false) {
  if (value === null || value === undefined) return '–';
  const v = Number(value);
  const s = v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return signed && v > 0 ? '+' + s : s;
}

/** HH:MM:SS of a Unix-millisecond time, local clock. */
export function clock(ms) {
  const d = new Date(ms);
  return d.toTimeString().slice(0, 8);
}

/** Nanoseconds as µs/ms text. */
export function nanos(ns) {
  if (!ns) return '0';
  if (ns < 1000) return ns + 'ns';
  if (ns < 1e6) return (ns / 1e3).toFixed(1) + 'µs';
  return (ns / 1e6).toFixed(2) + 'ms';
}

/** Bytes as MiB. */
export function mib(bytes) {
  return (Number(bytes) / 1048576).toFixed(1) + ' MiB';
}

/** Decimal places of a step such as 0.01 or 0.5 (from its text, so 0.1 is 1 place). */
export function decimalsOf(step) {
  const text = String(step);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Escapes text for innerHTML. */
export function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A side's CSS class. */
export function sideClass(side) {
  return String(side).toLowerCase() === 'sell' ? 'sell' : 'buy';
}

const TERMINAL = new Set(['filled', 'canceled', 'cancelled', 'rejected', 'expired', 'denied']);

/** True when an order is no longer working (filled, canceled, rejected, expired, or denied by the risk engine). */
export function isTerminal(status) {
  return TERMINAL.has(String(status).toLowerCase());
}

/** Canonical text of a price for data attributes: the shortest decimal form (49000, 49000.5). */
export function canonical(value) {
  return value === null || value === undefined ? '' : String(Number(value));
}
