// Shared by the ccxt acceptance scripts: where the paper venue is, a ccxt exchange pointed at it, and a run that
// records every call and check, prints one JSON result line and exits non-zero on the first thing that is wrong.
//
// Configuration (argv wins over env):
//   --rest URL        PAPER_REST        the venue's REST base, e.g. http://127.0.0.1:5000 (as `flowsight sim` prints)
//   --key K           PAPER_API_KEY
//   --secret S        PAPER_API_SECRET
//   --passphrase P    PAPER_PASSPHRASE  (OKX)
//   --initial JSON    PAPER_INITIAL     the account's starting balances, e.g. {"USDT":100000,"BTC":10}
//                                       (PaperVenueOptions.InitialBalances; default: the venue's default)
//   --symbol SYM      PAPER_SYMBOL      ccxt's unified symbol (default per script)

export const DEFAULT_INITIAL = { USDT: 100000, BTC: 10, ETH: 100 };

export function config() {
  const args = process.argv.slice(2);
  const arg = (name) => {
    const i = args.indexOf('--' + name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
  };
  const rest = arg('rest') ?? process.env.PAPER_REST;
  if (!rest) {
    fail('setup', 'no venue: pass --rest http://127.0.0.1:PORT or set PAPER_REST (flowsight sim prints it)');
  }
  const initialText = arg('initial') ?? process.env.PAPER_INITIAL;
  return {
    rest: rest.replace(/\/+$/, ''),
    apiKey: arg('key') ?? process.env.PAPER_API_KEY,
    secret: arg('secret') ?? process.env.PAPER_API_SECRET,
    passphrase: arg('passphrase') ?? process.env.PAPER_PASSPHRASE,
    initial: initialText ? JSON.parse(initialText) : DEFAULT_INITIAL,
    symbol: arg('symbol') ?? process.env.PAPER_SYMBOL,
  };
}

// Points every API base URL of a ccxt exchange at the paper venue, keeping the path (/fapi/v1, /api/v3, ...).
export function pointAt(exchange, rest) {
  const api = exchange.urls.api;
  for (const key of Object.keys(api)) {
    if (typeof api[key] === 'string') {
      api[key] = api[key].replace(/^https?:\/\/[^/]+/, rest);
    }
  }
}

const result = { venue: undefined, ok: false, calls: {}, checks: [] };

function fail(stage, message) {
  result.ok = false;
  result.failed = stage;
  result.error = message;
  console.log(JSON.stringify(result));
  console.error(`FAILED at ${stage}: ${message}`);
  process.exit(1);
}

// Runs one ccxt call, recording it; a thrown error ends the run with the call's name and ccxt's message.
export async function call(name, fn) {
  try {
    const value = await fn();
    result.calls[name] = 'ok';
    return value;
  } catch (e) {
    result.calls[name] = 'failed';
    fail(name, `${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}`);
  }
}

// A call the venue must refuse: ccxt has to throw an instance of `errorClass` (mapped from the venue's own error code).
export async function refused(name, fn, errorClass) {
  let value;
  try {
    value = await fn();
  } catch (e) {
    if (e instanceof errorClass) {
      result.calls[name] = `refused: ${e.constructor.name}: ${String(e.message).slice(0, 200)}`;
      return e;
    }
    result.calls[name] = 'failed';
    fail(name, `expected ${errorClass.name}, got ${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}`);
  }
  result.calls[name] = 'failed';
  fail(name, `expected the venue to refuse it (${errorClass.name}), but it answered ${JSON.stringify(value?.info ?? value)}`);
}

// A check of what ccxt read back; a false condition ends the run naming what was expected and what came.
export function check(name, condition, expected, actual) {
  if (!result.checks.includes(name)) {
    result.checks.push(name);
  }
  if (!condition) {
    fail(name, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function near(a, b, tolerance = 1e-8) {
  return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

export function checkNear(name, actual, expected, tolerance = 1e-8) {
  check(name, near(actual, expected, tolerance), expected, actual);
}

export function finish(venue, extra) {
  result.venue = venue;
  result.ok = true;
  Object.assign(result, extra);
  console.log(JSON.stringify(result));
  process.exit(0);
}

export function begin(venue) {
  result.venue = venue;
  process.on('unhandledRejection', (e) => fail('unhandled', String(e?.stack ?? e)));
}

// The fee of a ccxt trade in the asset it was charged in (ccxt normalises the sign: positive = paid).
export function feesByCurrency(trades) {
  const fees = {};
  for (const t of trades) {
    const list = t.fees?.length ? t.fees : t.fee ? [t.fee] : [];
    for (const f of list) {
      if (f && f.cost !== undefined && f.currency) {
        fees[f.currency] = (fees[f.currency] ?? 0) + f.cost;
      }
    }
  }
  return fees;
}

// Buys and sells of one linear contract from ccxt trades: size (in base units), entry of what remains open (average
// cost, the venues' convention) and the PnL realised by the closing fills.
export function replayLinear(trades, contractSize = 1) {
  let size = 0;
  let entry = 0;
  let realised = 0;
  for (const t of [...trades].sort((a, b) => a.timestamp - b.timestamp || String(a.id).localeCompare(String(b.id)))) {
    const qty = t.amount * contractSize * (t.side === 'buy' ? 1 : -1);
    if (size === 0 || Math.sign(size) === Math.sign(qty)) {
      entry = (entry * Math.abs(size) + t.price * Math.abs(qty)) / (Math.abs(size) + Math.abs(qty));
      size += qty;
      continue;
    }
    const closing = Math.min(Math.abs(qty), Math.abs(size));
    realised += closing * (t.price - entry) * Math.sign(size);
    const rest = Math.abs(qty) - closing;
    size += qty;
    if (Math.abs(size) < 1e-12) {
      size = 0;
      entry = 0;
    } else if (rest > 0) {
      entry = t.price;
    }
  }
  return { size, entry, realised };
}

// The book's touch, and prices a few percent away from it (resting, never crossing), on the market's tick.
export function prices(exchange, symbol, book) {
  const bid = book.bids[0][0];
  const ask = book.asks[0][0];
  return {
    bid,
    ask,
    belowBid: Number(exchange.priceToPrecision(symbol, bid * 0.97)),
    aboveAsk: Number(exchange.priceToPrecision(symbol, ask * 1.03)),
  };
}
