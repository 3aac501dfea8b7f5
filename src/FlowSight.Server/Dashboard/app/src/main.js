// The dashboard: login, then one page of panels fed by REST (first state) and the WebSocket (everything after).
// Data handlers only store the latest state and mark panels dirty; painting happens in one animation frame.
import './styles.css';
import { api, ApiError, clearSession, get, loadSession, login, setUnauthorisedHandler } from './api.js';
import { addPainter, requestPaint } from './canvas.js';
import { CandleChart } from './candles.js';
import { DepthChart } from './depth.js';
import { EquityCurve } from './equity.js';
import { decimalsOf, fixed, isTerminal } from './format.js';
import { BookLadder } from './ladder.js';
import { renderAccount, renderEngine, renderFills, renderOpenOrders, renderPositions, renderRisk, renderTrades } from './panels.js';
import { Stream } from './stream.js';

const $ = (id) => document.getElementById(id);
const INSTRUMENT_KEY = 'flowsight.instrument';
const AGGREGATIONS = [1, 10, 100, 1000];

const state = {
  session: null,
  instruments: new Map(),
  instrument: null,
  interval: $('candle-interval').value,
  trades: [],
  orders: [],
  fills: [],
  positions: [],
  account: null,
  risk: null,
  engine: null,
  candleGate: false,
  generation: 0,
};
const dirty = new Set();
let ui = null;
let stream = null;

function markDirty(panel) {
  dirty.add(panel);
  requestPaint();
}

const canTrade = () => ['trader', 'admin'].includes(String(state.session?.role).toLowerCase());
const isAdmin = () => String(state.session?.role).toLowerCase() === 'admin';

// ---- painting ----------------------------------------------------------------------------------------------------

function paintPanels() {
  if (!ui || dirty.size === 0) return;
  if (dirty.has('trades')) {
    renderTrades($('trades').tBodies[0], state.trades, state.instrument);
    const last = state.trades[0];
    $('last-price').textContent = last ? fixed(last.price, state.instrument?.pricePrecision ?? 2) : '';
  }
  if (dirty.has('orders')) {
    renderOpenOrders($('open-orders').tBodies[0], state.orders, state.instruments, canTrade());
  }
  if (dirty.has('fills')) renderFills($('fills').tBodies[0], state.fills, state.instruments);
  if (dirty.has('positions')) renderPositions($('positions').tBodies[0], state.positions, state.instruments);
  if (dirty.has('account') && state.account) {
    renderAccount({ equity: $('account-equity'), asset: $('account-asset'), details: $('account-details') }, state.account);
    ui.equity.setPoints(state.account.equityCurve);
  }
  if (dirty.has('risk') && state.risk) {
    renderRisk({ state: $('risk-state'), reason: $('risk-reason'), limits: $('risk-limits').tBodies[0] }, state.risk);
    $('risk-resume').hidden = !isAdmin() || String(state.risk.state).toUpperCase() === 'ACTIVE';
  }
  if (dirty.has('engine') && state.engine) {
    renderEngine({
      rate: $('engine-rate'), ring: $('ring-utilisation'), ringBar: $('ring-bar'), queue: $('engine-queue'),
      gc: $('gc'), connections: $('connections').tBodies[0], routes: $('engine-routes').tBodies[0],
    }, state.engine);
  }
  dirty.clear();
}

// ---- data in -----------------------------------------------------------------------------------------------------

const handlers = {
  book(data) {
    ui.ladder.setBook(data, true);
    ui.depth.setBook(data);
  },
  trades(data) {
    state.trades = data;
    markDirty('trades');
  },
  candles(data, msg) {
    if (state.candleGate && msg.interval !== state.interval) return;
    if (msg.interval && msg.interval !== state.interval) return;
    state.candleGate = false;
    ui.chart.merge(data);
  },
  orders(data) {
    state.orders = data.orders ?? [];
    state.fills = data.fills ?? [];
    syncLadderOrders();
    markDirty('orders');
    markDirty('fills');
  },
  positions(data) {
    state.positions = data;
    markDirty('positions');
  },
  account(data) {
    state.account = data;
    markDirty('account');
  },
  risk(data) {
    state.risk = data;
    markDirty('risk');
  },
  engine(data) {
    state.engine = data;
    markDirty('engine');
  },
};

/** Our working orders on the selected instrument, for the ladder's marks and data-order-prices. */
function syncLadderOrders() {
  ui.ladder.setOrders(state.orders.filter((o) => !isTerminal(o.status) && o.instrument === state.instrument?.id && o.price !== null));
}

const INSTRUMENT_TOPICS = new Set(['book', 'trades', 'candles']);

function onMessage(msg) {
  if (msg.type === 'data') {
    if (INSTRUMENT_TOPICS.has(msg.topic) && msg.instrument !== state.instrument?.id) return;
    handlers[msg.topic]?.(msg.data, msg);
  } else if (msg.type === 'subscribed' && msg.topic === 'candles') {
    if (!msg.interval || msg.interval === state.interval) state.candleGate = false;
  } else if (msg.type === 'error') {
    console.warn('stream error:', msg.message);
  }
}

const STATUS_BADGE = { connected: 'text-bg-success', connecting: 'text-bg-warning', reconnecting: 'text-bg-warning', disconnected: 'text-bg-danger' };

function onStreamState(status, info) {
  const el = $('ws-status');
  el.textContent = status;
  el.className = `badge ${STATUS_BADGE[status] ?? 'text-bg-secondary'}`;
  el.dataset.reconnects = String(info.reconnects);
  el.title = status === 'reconnecting' ? `retry in ${(info.delayMs / 1000).toFixed(1)} s; ${info.reconnects} reconnects` : `${info.reconnects} reconnects`;
  if (status === 'reconnecting') {
    if (!loadSession()) logout('Your session expired; log in again.');
    // A refused upgrade looks like any dropped connection; a REST call tells a dead token (401 logs out) from a dead server.
    else load('/api/risk', handlers.risk);
  }
}

/** A REST read whose answer is dropped when the instrument changed meanwhile. */
async function load(path, apply) {
  const generation = state.generation;
  try {
    const data = await get(path);
    if (generation === state.generation) apply(data);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) console.warn(path, error.message);
  }
}

// ---- instrument and interval -------------------------------------------------------------------------------------

function instrumentSubs(id) {
  return [
    { topic: 'book', instrument: id },
    { topic: 'trades', instrument: id },
    { topic: 'candles', instrument: id, interval: state.interval },
  ];
}

function fillAggregation(inst) {
  const select = $('book-aggregation');
  const tick = Number(inst.tickSize);
  const decimals = decimalsOf(inst.tickSize);
  select.innerHTML = AGGREGATIONS.map((m) => `<option value="${m}">${(tick * m).toFixed(Math.max(0, decimals - Math.log10(m)))}</option>`).join('');
  select.value = '1';
  ui.ladder.setMultiplier(1);
}

function selectInstrument(id) {
  const inst = state.instruments.get(id);
  if (!inst) return;
  if (state.instrument) for (const sub of instrumentSubs(state.instrument.id)) stream.unsubscribe(sub);
  state.generation++;
  state.instrument = inst;
  sessionStorage.setItem(INSTRUMENT_KEY, id);
  $('instrument').value = id;
  ui.ladder.setInstrument(inst);
  ui.depth.setInstrument(inst);
  ui.chart.reset(inst, state.interval);
  fillAggregation(inst);
  syncLadderOrders();
  state.trades = [];
  markDirty('trades');
  for (const sub of instrumentSubs(id)) stream.subscribe(sub);
  const enc = encodeURIComponent(id);
  load(`/api/book/${enc}?depth=200`, (book) => {
    if (!book) return;
    ui.ladder.setBook(book, false);
    ui.depth.setBook(book);
  });
  load(`/api/trades/${enc}?limit=50`, (trades) => handlers.trades(trades));
  loadCandles();
}

function loadCandles() {
  const inst = state.instrument;
  load(`/api/candles/${encodeURIComponent(inst.id)}?interval=${state.interval}&limit=500`, (candles) => ui.chart.merge(candles));
}

function selectInterval(interval) {
  if (!state.instrument || interval === state.interval) return;
  stream.unsubscribe({ topic: 'candles', instrument: state.instrument.id, interval: state.interval });
  state.interval = interval;
  state.generation++;
  state.candleGate = true;
  ui.chart.reset(state.instrument, interval);
  stream.subscribe({ topic: 'candles', instrument: state.instrument.id, interval });
  loadCandles();
  // The gate only guards against the old interval's in-flight pushes; a server without an ack must not freeze it.
  setTimeout(() => (state.candleGate = false), 2000);
}

function fillInstruments(list) {
  state.instruments = new Map(list.map((i) => [i.id, i]));
  const byVenue = new Map();
  for (const i of list) {
    if (!byVenue.has(i.venue)) byVenue.set(i.venue, []);
    byVenue.get(i.venue).push(i);
  }
  const select = $('instrument');
  select.replaceChildren();
  for (const [venue, items] of byVenue) {
    const group = document.createElement('optgroup');
    group.label = venue;
    for (const i of items) group.append(new Option(`${i.symbol} ${i.kind ? '(' + i.kind + ') ' : ''}· ${venue}`, i.id));
    select.append(group);
  }
}

// ---- actions -----------------------------------------------------------------------------------------------------

function ticketResult(status, text) {
  const el = $('ticket-result');
  el.dataset.status = status;
  el.textContent = text;
  const colour = { accepted: 'text-success', refused: 'text-warning', error: 'text-danger' }[status] ?? 'text-body-secondary';
  el.className = `small mt-1 ${colour}`;
}

function updateTicketLabels() {
  const form = $('order-ticket');
  const side = form.elements.side.value;
  const market = form.elements.type.value === 'market';
  const button = $('submit-order');
  button.textContent = `${side === 'buy' ? 'Buy' : 'Sell'} ${state.instrument?.symbol ?? ''}${market ? ' at market' : ''}`;
  button.className = `btn btn-sm w-100 ${side === 'buy' ? 'btn-success' : 'btn-danger'}`;
  form.elements.price.disabled = market;
  form.elements.postOnly.disabled = market;
}

async function submitOrder(event) {
  event.preventDefault();
  if (!canTrade() || !state.instrument) return;
  const form = $('order-ticket');
  const f = form.elements;
  const type = f.type.value;
  const quantity = Number(f.quantity.value);
  const price = Number(f.price.value);
  if (!f.quantity.value.trim() || Number.isNaN(quantity)) return ticketResult('error', 'Enter a size.');
  if (type === 'limit' && (!f.price.value.trim() || Number.isNaN(price))) return ticketResult('error', 'Enter a price for a limit order.');
  // Sent as typed (the API takes decimal strings), so no binary floating point touches a price or a size.
  const body = { instrument: state.instrument.id, side: f.side.value, type, quantity: f.quantity.value.trim() };
  if (type === 'limit') {
    body.price = f.price.value.trim();
    body.postOnly = f.postOnly.checked;
  }
  body.reduceOnly = f.reduceOnly.checked;
  $('submit-order').disabled = true;
  ticketResult('', 'sending…');
  try {
    const result = await api('POST', '/api/orders', body);
    if (result?.accepted === false) ticketResult('refused', `Refused${result.check ? ' by ' + result.check : ''}: ${result.reason}`);
    else ticketResult('accepted', `Accepted: ${result?.clientOrderId ?? ''}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 422 && error.body) {
      ticketResult('refused', `Refused${error.body.check ? ' by ' + error.body.check : ''}: ${error.body.reason ?? error.body.error ?? ''}`);
    } else {
      ticketResult('error', error.message || 'The order could not be sent.');
    }
  } finally {
    $('submit-order').disabled = !canTrade();
  }
}

function ordersMessage(text) {
  $('orders-message').textContent = text;
}

async function cancelOrder(button) {
  const row = button.closest('tr');
  const id = row?.dataset.clientOrderId;
  if (!id) return;
  button.disabled = true;
  try {
    await api('DELETE', `/api/orders/${encodeURIComponent(id)}`);
    ordersMessage('');
  } catch (error) {
    ordersMessage(`Cancel ${id}: ${error.message}`);
    button.disabled = false;
  }
}

async function killSwitch(flatten) {
  try {
    await api('POST', '/api/risk/kill-switch', { reason: `from the dashboard by ${state.session.name}`, flatten });
    $('risk-message').textContent = '';
  } catch (error) {
    $('risk-message').textContent = `Kill switch: ${error.message}`;
  }
  load('/api/risk', handlers.risk);
}

async function resumeTrading() {
  try {
    await api('POST', '/api/risk/resume');
    $('risk-message').textContent = '';
  } catch (error) {
    $('risk-message').textContent = `Resume: ${error.message}`;
  }
  load('/api/risk', handlers.risk);
}

// ---- session -----------------------------------------------------------------------------------------------------

function createUi() {
  ui = {
    ladder: new BookLadder($('book-ladder'), { maxVisibleRows: 25 }),
    depth: new DepthChart($('depth-chart')),
    chart: new CandleChart($('candle-chart')),
    equity: new EquityCurve($('equity-curve')),
  };
  addPainter(paintPanels);
  stream = new Stream(() => loadSession()?.token ?? null, onMessage, onStreamState);

  $('instrument').addEventListener('change', (e) => {
    selectInstrument(e.target.value);
    updateTicketLabels();
  });
  $('book-aggregation').addEventListener('change', (e) => ui.ladder.setMultiplier(e.target.value));
  $('candle-interval').addEventListener('change', (e) => selectInterval(e.target.value));
  $('book-ladder').addEventListener('click', (e) => {
    const price = ui.ladder.priceAt(e.offsetY);
    if (price !== null) $('order-ticket').elements.price.value = price;
  });
  const form = $('order-ticket');
  form.addEventListener('submit', submitOrder);
  form.elements.side.addEventListener('change', updateTicketLabels);
  form.elements.type.addEventListener('change', updateTicketLabels);
  $('open-orders').addEventListener('click', (e) => {
    const button = e.target.closest('button.cancel-order');
    if (button && !button.disabled) cancelOrder(button);
  });
  $('cancel-all').addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/orders');
      ordersMessage('');
    } catch (error) {
      ordersMessage(`Cancel all: ${error.message}`);
    }
  });
  const dialog = $('kill-switch-dialog');
  $('kill-switch').addEventListener('click', () => dialog.showModal());
  $('kill-switch-cancel').addEventListener('click', () => dialog.close());
  $('kill-switch-confirm').addEventListener('click', () => {
    dialog.close();
    killSwitch($('kill-switch-flatten').checked);
  });
  $('risk-resume').addEventListener('click', resumeTrading);
  $('logout').addEventListener('click', () => logout(''));
}

async function enterApp(session) {
  state.session = session;
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  if (!ui) createUi();
  $('user-name').textContent = session.name;
  $('user-role').textContent = String(session.role).toLowerCase();
  $('ticket-fields').disabled = !canTrade();
  $('submit-order').disabled = !canTrade();
  $('cancel-all').disabled = !canTrade();
  $('kill-switch').disabled = !isAdmin();
  $('kill-switch').title = isAdmin() ? 'Halt trading' : 'Admins only';
  if (!canTrade()) ticketResult('', 'Viewers cannot trade.');

  stream.start();
  for (const topic of ['orders', 'positions', 'account', 'risk', 'engine']) stream.subscribe({ topic });
  // The server may still be starting its venues: keep asking (backing off) until it lists instruments.
  for (let delay = 1000; state.session === session; delay = Math.min(delay * 2, 10000)) {
    try {
      fillInstruments(await get('/api/instruments'));
      $('app-message').textContent = '';
      break;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      $('app-message').textContent = `Instruments: ${error.message}; retrying`;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  if (state.session !== session) return;
  const saved = sessionStorage.getItem(INSTRUMENT_KEY);
  const first = state.instruments.has(saved) ? saved : state.instruments.keys().next().value;
  if (first) selectInstrument(first);
  updateTicketLabels();
  load('/api/orders?open=true', (orders) => {
    if (state.orders.length === 0) {
      state.orders = orders;
      syncLadderOrders();
      markDirty('orders');
    }
  });
  load('/api/fills', (fills) => {
    if (state.fills.length === 0) {
      state.fills = fills;
      markDirty('fills');
    }
  });
  load('/api/positions', handlers.positions);
  load('/api/account', handlers.account);
  load('/api/risk', handlers.risk);
  load('/api/engine', handlers.engine);
}

function showLogin(message) {
  $('app-view').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message ?? '';
  $('login-form').elements.username.focus();
}

function logout(message) {
  if (stream) {
    stream.stop();
    stream.subs.clear();
  }
  clearSession();
  state.session = null;
  state.instrument = null;
  state.orders = [];
  state.fills = [];
  showLogin(message);
}

setUnauthorisedHandler(() => {
  if (state.session) logout('Your session expired; log in again.');
});

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = event.target.elements;
  $('login-error').textContent = '';
  f[f.length - 1]?.blur();
  try {
    const session = await login(f.username.value.trim(), f.password.value);
    f.password.value = '';
    await enterApp(session);
  } catch (error) {
    $('login-error').textContent = error instanceof ApiError && error.status === 401
      ? (error.body?.error ?? 'Wrong user name or password.')
      : `Login failed: ${error.message}`;
  }
});

const saved = loadSession();
if (saved) enterApp(saved);
else showLogin();
