// The session (token in sessionStorage) and the REST client. Every call but login carries the bearer token; a 401
// means the token is gone (expired, or the server restarted with a new key), so the page returns to the login form.

const KEY = 'flowsight.session';

/** The saved session {token, name, role, expiresAt} or null when none or expired. */
export function loadSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!s || !s.token) return null;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

/** An HTTP error with the server's {error} text and, for risk refusals, {check, reason}. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? body?.reason ?? body?.title ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorised = () => {};

/** Sets what happens when the server answers 401. */
export function setUnauthorisedHandler(handler) {
  onUnauthorised = handler;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { error: text.slice(0, 200) };
  }
}

/** Calls the API; resolves to the parsed body for 2xx, throws ApiError otherwise. */
export async function api(method, path, body) {
  const session = loadSession();
  const headers = { Accept: 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const parsed = await readBody(response);
  if (response.status === 401 && path !== '/api/auth/login') {
    onUnauthorised();
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export const get = (path) => api('GET', path);

/** Logs in; resolves to the session or throws ApiError (401 with {error}). */
export async function login(username, password) {
  const result = await api('POST', '/api/auth/login', { username, password });
  const session = { token: result.token, name: result.name ?? username, role: result.role ?? 'viewer', expiresAt: result.expiresAt };
  saveSession(session);
  return session;
}
