// ccxt's binanceusdm against the paper venue's Binance USDⓈ-M futures: market data, leverage, the four order kinds,
// order queries and cancels, fills, then the wallet and position ccxt reads back against those the fills imply.
// Usage: node binanceusdm.mjs --rest http://127.0.0.1:PORT --key K --secret S [--initial '{"USDT":100000}']
import ccxt from 'ccxt';
import { begin, call, check, refused, checkNear, config, feesByCurrency, finish, pointAt, prices, replayLinear } from './paper.mjs';

begin('binanceusdm');
const cfg = config();
const symbol = cfg.symbol ?? 'BTC/USDT:USDT';
const exchange = new ccxt.binanceusdm({
  apiKey: cfg.apiKey,
  secret: cfg.secret,
  enableRateLimit: false,
  timeout: 10000,
  options: {
    defaultType: 'swap',
    fetchMarkets: { types: ['linear'] },
    fetchCurrencies: false,
    fetchMargins: false,
    adjustForTimeDifference: false,
  },
});
pointAt(exchange, cfg.rest);

const markets = await call('loadMarkets', () => exchange.loadMarkets());
check('loadMarkets lists the symbol', symbol in markets, symbol, Object.keys(markets));
const market = exchange.market(symbol);
check('market is a linear swap', market.swap && market.linear && market.settle === 'USDT', 'linear USDT swap', market.type);
const amount = Number(exchange.amountToPrecision(symbol, Math.max(market.limits.amount.min ?? 0.001, 0.01)));

const book = await call('fetchOrderBook', () => exchange.fetchOrderBook(symbol, 10));
check('book has both sides', book.bids.length > 0 && book.asks.length > 0, 'bids and asks', { bids: book.bids.length, asks: book.asks.length });
const p = prices(exchange, symbol, book);
check('book is not crossed', p.bid < p.ask, 'bid < ask', p);

const ticker = await call('fetchTicker', () => exchange.fetchTicker(symbol));
check('ticker has a last price', ticker.last > 0, '> 0', ticker.last);

const candles = await call('fetchOHLCV', () => exchange.fetchOHLCV(symbol, '1m', undefined, 10));
check('OHLCV has candles', candles.length > 0 && candles.every((c) => c[2] >= c[3] && c[1] > 0), 'candles with high >= low', candles.slice(0, 2));

const initialUsdt = cfg.initial.USDT;
const before = await call('fetchBalance', () => exchange.fetchBalance());
checkNear('wallet starts at the initial balance', before.USDT?.total, initialUsdt);

const impostor = new ccxt.binanceusdm({ apiKey: cfg.apiKey, secret: cfg.secret + 'x', enableRateLimit: false, options: exchange.options });
pointAt(impostor, cfg.rest);
await refused('fetchBalance with a wrong secret', () => impostor.fetchBalance(), ccxt.AuthenticationError);
await refused('createOrder post-only that would take', () => exchange.createOrder(symbol, 'limit', 'buy', amount, p.ask, { postOnly: true }), ccxt.InvalidOrder);

await call('setLeverage', () => exchange.setLeverage(10, symbol));

const resting = await call('createOrder limit', () => exchange.createOrder(symbol, 'limit', 'buy', amount, p.belowBid));
check('limit order rests', resting.status === 'open' && resting.filled === 0, 'open, nothing filled', { status: resting.status, filled: resting.filled });
const postOnly = await call('createOrder post-only', () => exchange.createOrder(symbol, 'limit', 'sell', amount, p.aboveAsk, { postOnly: true }));
check('post-only order rests', postOnly.status === 'open' && postOnly.postOnly === true, 'open post-only (GTX)', { status: postOnly.status, postOnly: postOnly.postOnly, tif: postOnly.timeInForce });

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

const bought = await call('createOrder market', () => exchange.createOrder(symbol, 'market', 'buy', amount));
check('market order fills', bought.status === 'closed' && bought.filled === amount, { status: 'closed', filled: amount }, { status: bought.status, filled: bought.filled });

const opened = await call('fetchMyTrades (open)', () => exchange.fetchMyTrades(symbol));
const openState = replayLinear(opened);
const positions = await call('fetchPositions', () => exchange.fetchPositions([symbol]));
const position = positions.find((x) => x.symbol === symbol && x.contracts > 0);
check('a long position of the filled size', position !== undefined && position.side === 'long', { side: 'long', contracts: openState.size }, positions.map((x) => ({ side: x.side, contracts: x.contracts })));
checkNear('position size = fills', position.contracts * (position.contractSize ?? 1), openState.size);
checkNear('entry price = fills', position.entryPrice, openState.entry, 1e-6);
const openFees = feesByCurrency(opened).USDT ?? 0;
check('taker fee charged', openFees > 0, '> 0', openFees);
const midBalance = await call('fetchBalance (open)', () => exchange.fetchBalance());
checkNear('wallet = initial − fees while open (margin balance − unrealised PnL)', midBalance.USDT.total - (position.unrealizedPnl ?? 0), initialUsdt - openFees, 1e-7);

const closed = await call('createOrder reduce-only', () => exchange.createOrder(symbol, 'market', 'sell', amount, undefined, { reduceOnly: true }));
check('reduce-only order fills', closed.status === 'closed' && closed.filled === amount && closed.reduceOnly === true, { status: 'closed', filled: amount, reduceOnly: true }, { status: closed.status, filled: closed.filled, reduceOnly: closed.reduceOnly });

const trades = await call('fetchMyTrades', () => exchange.fetchMyTrades(symbol));
check('every fill is listed', trades.length >= 2 && trades.some((t) => t.order === bought.id) && trades.some((t) => t.order === closed.id), 'fills of both market orders', trades.map((t) => t.order));
const state = replayLinear(trades);
const fees = feesByCurrency(trades).USDT ?? 0;
checkNear('flat after the reduce-only order', state.size, 0);
const flat = await call('fetchPositions (flat)', () => exchange.fetchPositions([symbol]));
check('no open position', flat.every((x) => !x.contracts), 0, flat.map((x) => x.contracts));
const after = await call('fetchBalance (flat)', () => exchange.fetchBalance());
const expectedWallet = initialUsdt - fees + state.realised;
checkNear('wallet = initial − fees + realised PnL', after.USDT.total, expectedWallet, 1e-7);
check('all of it free again', Math.abs(after.USDT.free - after.USDT.total) < 1e-6, after.USDT.total, after.USDT.free);

finish('binanceusdm', {
  symbol,
  amount,
  fills: trades.length,
  fees,
  realised: state.realised,
  wallet: after.USDT.total,
  expectedWallet,
});
