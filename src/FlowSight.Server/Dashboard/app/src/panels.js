// The table panels: trades tape, open orders, fills, positions, account, risk and the debug view. Each renders from
// the latest state in one innerHTML assignment per animation frame, and only when its data changed.
import { clock, esc, fixed, isTerminal, mib, money, nanos, sideClass, size } from './format.js';

const TAPE_ROWS = 50;

function priceText(value, instruments, id) {
  const inst = instruments.get(id);
  return fixed(value, inst ? inst.pricePrecision : 2);
}

export function renderTrades(tbody, trades, instrument) {
  const decimals = instrument ? instrument.pricePrecision : 2;
  const sizeDecimals = instrument ? instrument.sizePrecision : 3;
  let html = '';
  const n = Math.min(TAPE_ROWS, trades.length);
  for (let i = 0; i < n; i++) {
    const t = trades[i];
    html += `<tr class="${sideClass(t.side)}"><td>${fixed(t.price, decimals)}</td><td class="text-end">${fixed(t.size, sizeDecimals)}</td><td class="text-end text-body-secondary">${clock(t.time)}</td></tr>`;
  }
  tbody.innerHTML = html;
}

export function renderOpenOrders(tbody, orders, instruments, canTrade) {
  let html = '';
  for (const o of orders) {
    if (isTerminal(o.status)) continue;
    const inst = instruments.get(o.instrument);
    html += `<tr data-client-order-id="${esc(o.clientOrderId)}" data-instrument="${esc(o.instrument)}">`
      + `<td>${esc(inst ? inst.symbol + ' ' + inst.venue : o.instrument)}</td>`
      + `<td class="${sideClass(o.side)}">${esc(o.side)}</td><td>${esc(o.type)}${o.reduceOnly ? ' RO' : ''}</td>`
      + `<td class="text-end">${o.price === null ? 'market' : priceText(o.price, instruments, o.instrument)}</td>`
      + `<td class="text-end">${size(o.quantity, inst ? inst.sizePrecision : 3)}</td>`
      + `<td class="text-end">${size(o.filled, inst ? inst.sizePrecision : 3)}</td>`
      + `<td>${esc(o.status)}</td>`
      + `<td class="text-end"><button type="button" class="btn btn-sm btn-outline-danger py-0 cancel-order"${canTrade ? '' : ' disabled'}>Cancel</button></td></tr>`;
  }
  tbody.innerHTML = html;
}

export function renderFills(tbody, fills, instruments) {
  let html = '';
  for (const f of fills.slice(0, 100)) {
    const inst = instruments.get(f.instrument);
    html += `<tr data-client-order-id="${esc(f.clientOrderId)}"><td>${clock(f.time)}</td><td>${esc(inst ? inst.symbol + ' ' + inst.venue : f.instrument)}</td>`
      + `<td class="${sideClass(f.side)}">${esc(f.side)}</td><td class="text-end">${priceText(f.price, instruments, f.instrument)}</td>`
      + `<td class="text-end">${size(f.quantity, inst ? inst.sizePrecision : 3)}</td><td class="text-end">${fixed(f.fee, 4)} ${esc(f.feeAsset ?? '')}</td>`
      + `<td>${esc(f.liquidity)}</td></tr>`;
  }
  tbody.innerHTML = html;
}

export function renderPositions(tbody, positions, instruments) {
  let html = '';
  for (const p of positions) {
    const inst = instruments.get(p.instrument);
    const pnlClass = p.unrealisedPnl >= 0 ? 'buy' : 'sell';
    html += `<tr data-instrument="${esc(p.instrument)}"><td>${esc(inst ? inst.symbol + ' ' + inst.venue : p.instrument)}${p.positionSide && p.positionSide.toLowerCase() !== 'both' ? ' ' + esc(p.positionSide) : ''}</td>`
      + `<td class="text-end ${p.quantity < 0 ? 'sell' : 'buy'}">${size(p.quantity, inst ? inst.sizePrecision : 3)}</td>`
      + `<td class="text-end">${priceText(p.entryPrice, instruments, p.instrument)}</td><td class="text-end">${priceText(p.markPrice, instruments, p.instrument)}</td>`
      + `<td class="text-end ${pnlClass}">${money(p.unrealisedPnl, true)}</td><td class="text-end">${money(p.realisedPnl, true)}</td>`
      + `<td class="text-end">${p.liquidationPrice === null ? '–' : priceText(p.liquidationPrice, instruments, p.instrument)}</td></tr>`;
  }
  tbody.innerHTML = html;
}

export function renderAccount(elements, account) {
  elements.equity.textContent = fixed(account.equity, 2);
  elements.asset.textContent = account.asset ?? '';
  // Balances are per venue account: name the account once the node trades more than one.
  const accounts = new Set((account.balances ?? []).map((b) => b.account));
  const owner = (b) => (accounts.size > 1 ? ' (' + esc(b.account) + ')' : '');
  const item = (name, value, cls = '') => `<dt class="col-6 fw-normal text-body-secondary">${name}</dt><dd class="col-6 text-end mb-0 ${cls}">${value}</dd>`;
  elements.details.innerHTML = item('Unrealised PnL', money(account.unrealisedPnl, true), account.unrealisedPnl >= 0 ? 'buy' : 'sell')
    + item('Realised PnL', money(account.realisedPnl, true))
    + item('Daily PnL', money(account.dailyPnl, true), account.dailyPnl >= 0 ? 'buy' : 'sell')
    + item('Funding', money(account.funding, true))
    + item('Margin used', money(account.marginUsed))
    + (account.balances ?? []).map((b) => item(esc(b.asset) + owner(b) + ' available', money(b.available))).join('');
}

const GOOD_STATES = new Set(['connected', 'subscribed', 'synced', 'ready', 'authenticated', 'live']);
const BAD_STATES = new Set(['disconnected', 'failed', 'closed', 'stopped', 'error']);

const STATE_BADGE = { ACTIVE: 'text-bg-success', REDUCING: 'text-bg-warning', HALTED: 'text-bg-danger' };

export function renderRisk(elements, risk) {
  const state = String(risk.state ?? '').toUpperCase();
  elements.state.textContent = state;
  elements.state.className = `badge ${STATE_BADGE[state] ?? 'text-bg-secondary'}`;
  elements.reason.textContent = risk.reason ?? '';
  let html = '';
  for (const l of risk.limits ?? []) {
    html += `<tr><td>${esc(l.name)}</td><td class="text-end font-monospace">${esc(l.limit)}</td><td class="text-end font-monospace">${esc(l.used ?? '')}</td></tr>`;
  }
  elements.limits.innerHTML = html;
}

export function renderEngine(elements, engine) {
  elements.rate.textContent = Math.round(engine.eventsPerSecond).toLocaleString('en-US');
  const pct = (engine.bufferUtilisation ?? 0) * 100;
  elements.ring.textContent = `${pct.toFixed(2)}% of ${engine.capacity}`;
  elements.ringBar.style.width = `${Math.min(100, pct)}%`;
  elements.queue.textContent = String(engine.queueDepth);
  const gc = engine.gc;
  elements.gc.textContent = gc
    ? `GC gen0 ${gc.gen0} · gen1 ${gc.gen1} · gen2 ${gc.gen2} · heap ${mib(gc.heapBytes)} · working set ${mib(gc.workingSetBytes)} · pause ${fixed(gc.pauseTimePercent, 2)}%`
    : '–';
  let html = '';
  for (const c of engine.connections ?? []) {
    const s = String(c.state).toLowerCase();
    const cls = GOOD_STATES.has(s) ? 'text-success' : BAD_STATES.has(s) ? 'text-danger' : 'text-warning';
    html += `<tr data-name="${esc(c.name)}"><td>${esc(c.name)} <span class="text-body-secondary">${esc(c.kind)}</span></td>`
      + `<td class="${cls}" title="${esc(c.reason ?? '')}">${esc(c.state)}</td><td class="text-end">${c.reconnects}</td></tr>`;
  }
  elements.connections.innerHTML = html;
  html = '';
  for (const r of engine.routes ?? []) {
    html += `<tr title="${esc(r.eventType)} · handled ${r.handled} · errors ${r.errors} · P99.9 ${nanos(r.p999Nanos)} · max ${nanos(r.maxNanos)}">`
      + `<td>${esc(r.name)}${r.instrument ? ' <span class="text-body-secondary">' + esc(r.instrument) + '</span>' : ''}</td>`
      + `<td class="text-end">${fixed(r.eventsPerSecond, 0)}</td><td class="text-end">${nanos(r.p50Nanos)}</td>`
      + `<td class="text-end">${nanos(r.p95Nanos)}</td><td class="text-end">${nanos(r.p99Nanos)}</td></tr>`;
  }
  elements.routes.innerHTML = html;
}
