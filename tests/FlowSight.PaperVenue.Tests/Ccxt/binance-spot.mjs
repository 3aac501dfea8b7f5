// ccxt's binance (spot) against the paper venue's Binance spot: market data, resting / post-only (LIMIT_MAKER) /
// market orders, order queries and cancels, fills, then the balances ccxt reads back against those the fills imply.
// Usage: node binance-spot.mjs --rest http://127.0.0.1:PORT --key K --secret S [--initial '{"USDT":100000,"BTC":10}']
import ccxt from 'ccxt';
import { begin, call, check, refused, checkNear, config, feesByCurrency, finish, pointAt, prices } from './paper.mjs';

begin('binance-spot');
const cfg = config();
const symbol = cfg.symbol ?? 'BTC/USDT';
const exchange = new ccxt.binance({
  apiKey: cfg.apiKey,
  secret: cfg.secret,
  enableRateLimit: false,
  timeout: 10000,
  options: {
    defaultType: 'spot',
    fetchMarkets: { types: ['spot'] },
    fetchCurrencies: false,
    fetchMargins: false,
    adjustForTimeDifference: false,
  },
});
pointAt(exchange, cfg.rest);

const markets = await call('loadMarkets', () => exchange.loadMarkets());
check('loadMarkets lists the symbol', symbol in markets, symbol, Object.keys(markets));
const market = exchange.market(symbol);
check('market is spot', market.spot === true, 'spot', market.type);
const [base, quote] = [market.base, market.quote];
const amount = Number(exchange.amountToPrecision(symbol, 0.01));

const book = await call('fetchOrderBook', () => exchange.fetchOrderBook(symbol, 10));
check('book has both sides', book.bids.length > 0 && book.asks.length > 0, 'bids and asks', { bids: book.bids.length, asks: book.asks.length });
const p = prices(exchange, symbol, book);
check('book is not crossed', p.bid < p.ask, 'bid < ask', p);

const ticker = await call('fetchTicker', () => exchange.fetchTicker(symbol));
check('ticker has a last price', ticker.last > 0, '> 0', ticker.last);

const candles = await call('fetchOHLCV', () => exchange.fetchOHLCV(symbol, '1m', undefined, 10));
check('OHLCV has candles', candles.length > 0 && candles.every((c) => c[2] >= c[3] && c[1] > 0), 'candles with high >= low', candles.slice(0, 2));

const initial = { [base]: cfg.initial[base] ?? 0, [quote]: cfg.initial[quote] ?? 0 };
const before = await call('fetchBalance', () => exchange.fetchBalance());
checkNear(`${base} starts at the initial balance`, before[base]?.total, initial[base]);
checkNear(`${quote} starts at the initial balance`, before[quote]?.total, initial[quote]);

const impostor = new ccxt.binance({ apiKey: cfg.apiKey, secret: cfg.secret + 'x', enableRateLimit: false, options: exchange.options });
pointAt(impostor, cfg.rest);
await refused('fetchBalance with a wrong secret', () => impostor.fetchBalance(), ccxt.AuthenticationError);
await refused('createOrder post-only that would take', () => exchange.createOrder(symbol, 'limit', 'buy', amount, p.ask, { postOnly: true }), ccxt.InvalidOrder);

const resting = await call('createOrder limit', () => exchange.createOrder(symbol, 'limit', 'buy', amount, p.belowBid));
check('limit order rests', resting.status === 'open' && resting.filled === 0, 'open, nothing filled', { status: resting.status, filled: resting.filled });
const locked = await call('fetchBalance (order resting)', () => exchange.fetchBalance());
checkNear(`the resting buy locks its ${quote}`, locked[quote].used, amount * p.belowBid, 1e-7);
const postOnly = await call('createOrder post-only', () => exchange.createOrder(symbol, 'limit', 'sell', amount, p.aboveAsk, { postOnly: true }));
check('post-only (LIMIT_MAKER) order rests', postOnly.status === 'open' && postOnly.postOnly === true, 'open post-only', { status: postOnly.status, postOnly: postOnly.postOnly, type: postOnly.info?.type });

const open = await call('fetchOpenOrders', () => exchange.fetchOpenOrders(symbol));
const openIds = open.map((o) => o.id);
check('open orders list both', openIds.includes(resting.id) && openIds.includes(postOnly.id), [resting.id, postOnly.id], openIds);

const fetched = await call('fetchOrder', () => exchange.fetchOrder(resting.id, symbol));
check('fetchOrder reads the resting order', fetched.id === resting.id && fetched.price === p.belowBid && fetched.amount === amount && fetched.status === 'open',
  { id: resting.id, price: p.belowBid, amount, status: 'open' }, { id: fetched.id, price: fetched.price, amount: fetched.amount, status: fetched.status });

const canceled = await call('cancelOrder', () => exchange.cancelOrder(resting.id, symbol));
check('cancel answers canceled', canceled.status === 'canceled', 'canceled', canceled.status);
await call('cancelOrder post-only', () => exchange.cancelOrder(postOnly.id, symbol));
const afterCancel = await call('fetchOrder canceled', () => exchange.fetchOrder(resting.id, symbol));
check('canceled order reads canceled', afterCancel.status === 'canceled', 'canceled', afterCancel.status);
const openAfter = await call('fetchOpenOrders after cancel', () => exchange.fetchOpenOrders(symbol));
check('no open orders after the cancels', openAfter.length === 0, 0, openAfter.map((o) => o.id));

const bought = await call('createOrder market buy', () => exchange.createOrder(symbol, 'market', 'buy', amount));
check('market buy fills', bought.status === 'closed' && bought.filled === amount, { status: 'closed', filled: amount }, { status: bought.status, filled: bought.filled });
const half = Number(exchange.amountToPrecision(symbol, amount / 2));
const sold = await call('createOrder market sell', () => exchange.createOrder(symbol, 'market', 'sell', half));
check('market sell fills', sold.status === 'closed' && sold.filled === half, { status: 'closed', filled: half }, { status: sold.status, filled: sold.filled });

const trades = await call('fetchMyTrades', () => exchange.fetchMyTrades(symbol));
check('every fill is listed', trades.some((t) => t.order === bought.id) && trades.some((t) => t.order === sold.id), 'fills of both market orders', trades.map((t) => t.order));
const expected = { ...initial };
for (const t of trades) {
  const sign = t.side === 'buy' ? 1 : -1;
  expected[base] += sign * t.amount;
  expected[quote] -= sign * t.amount * t.price;
}
const fees = feesByCurrency(trades);
for (const [currency, cost] of Object.entries(fees)) {
  expected[currency] = (expected[currency] ?? 0) - cost;
}
check('fees charged', Object.values(fees).some((f) => f > 0), '> 0', fees);

const after = await call('fetchBalance (after fills)', () => exchange.fetchBalance());
checkNear(`${base} = initial + bought − sold − ${base} fees`, after[base].total, expected[base], 1e-9);
checkNear(`${quote} = initial − cost + proceeds − ${quote} fees`, after[quote].total, expected[quote], 1e-9);
check(`nothing locked`, (after[base].used ?? 0) === 0 && (after[quote].used ?? 0) === 0, 0, { [base]: after[base].used, [quote]: after[quote].used });

finish('binance-spot', {
  symbol,
  fills: trades.length,
  fees,
  balances: { [base]: after[base].total, [quote]: after[quote].total },
  expected,
});
