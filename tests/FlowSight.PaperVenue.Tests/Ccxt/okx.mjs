// ccxt's okx against the paper venue's OKX v5 (USDT swaps, cross margin, net position mode): market data, leverage,
// the four order kinds, order queries and cancels, fills, then the equity and position ccxt reads back against
// those the fills imply.
// Usage: node okx.mjs --rest http://127.0.0.1:PORT --key K --secret S --passphrase P [--initial '{"USDT":100000}']
import ccxt from 'ccxt';
import { begin, call, check, refused, checkNear, config, feesByCurrency, finish, pointAt, prices, replayLinear } from './paper.mjs';

begin('okx');
const cfg = config();
const symbol = cfg.symbol ?? 'BTC/USDT:USDT';
const exchange = new ccxt.okx({
  apiKey: cfg.apiKey,
  secret: cfg.secret,
  password: cfg.passphrase,
  enableRateLimit: false,
  timeout: 10000,
  options: {
    defaultType: 'swap',
    fetchMarkets: { types: ['swap'] },
    adjustForTimeDifference: false,
  },
});
// The currencies come from the markets: the venue lists swaps only.
exchange.has.fetchCurrencies = false;
pointAt(exchange, cfg.rest);

const markets = await call('loadMarkets', () => exchange.loadMarkets());
check('loadMarkets lists the symbol', symbol in markets, symbol, Object.keys(markets));
const market = exchange.market(symbol);
check('market is a linear swap', market.swap && market.linear && market.settle === 'USDT', 'linear USDT swap', market.type);
const contractSize = market.contractSize;
check('contract size listed', contractSize > 0, '> 0', contractSize);
const amount = Number(exchange.amountToPrecision(symbol, Math.max(market.limits.amount.min ?? 1, 1)));

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
checkNear('equity starts at the initial balance', before.USDT?.total, initialUsdt);

const impostor = new ccxt.okx({ apiKey: cfg.apiKey, secret: cfg.secret + 'x', password: cfg.passphrase, enableRateLimit: false, options: exchange.options });
impostor.has.fetchCurrencies = false;
pointAt(impostor, cfg.rest);
await refused('fetchBalance with a wrong secret', () => impostor.fetchBalance(), ccxt.AuthenticationError);

await call('setLeverage', () => exchange.setLeverage(10, symbol, { marginMode: 'cross' }));

const resting = await call('createOrder limit', () => exchange.createOrder(symbol, 'limit', 'buy', amount, p.belowBid));
check('limit order accepted', typeof resting.id === 'string' && resting.id.length > 0, 'an ordId', resting.id);
const postOnly = await call('createOrder post-only', () => exchange.createOrder(symbol, 'limit', 'sell', amount, p.aboveAsk, { postOnly: true }));
check('post-only order accepted', typeof postOnly.id === 'string' && postOnly.id.length > 0, 'an ordId', postOnly.id);

const open = await call('fetchOpenOrders', () => exchange.fetchOpenOrders(symbol));
const openIds = open.map((o) => o.id);
check('open orders list both', openIds.includes(resting.id) && openIds.includes(postOnly.id), [resting.id, postOnly.id], openIds);
const openPostOnly = open.find((o) => o.id === postOnly.id);
check('post-only reads post_only', openPostOnly.postOnly === true, 'post_only', openPostOnly.info?.ordType);

const fetched = await call('fetchOrder', () => exchange.fetchOrder(resting.id, symbol));
check('fetchOrder reads the resting order', fetched.id === resting.id && fetched.price === p.belowBid && fetched.amount === amount && fetched.status === 'open',
  { id: resting.id, price: p.belowBid, amount, status: 'open' }, { id: fetched.id, price: fetched.price, amount: fetched.amount, status: fetched.status });

await call('cancelOrder', () => exchange.cancelOrder(resting.id, symbol));
await call('cancelOrder post-only', () => exchange.cancelOrder(postOnly.id, symbol));
const afterCancel = await call('fetchOrder canceled', () => exchange.fetchOrder(resting.id, symbol));
check('canceled order reads canceled', afterCancel.status === 'canceled', 'canceled', afterCancel.status);
const openAfter = await call('fetchOpenOrders after cancel', () => exchange.fetchOpenOrders(symbol));
check('no open orders after the cancels', openAfter.length === 0, 0, openAfter.map((o) => o.id));

const bought = await call('createOrder market', () => exchange.createOrder(symbol, 'market', 'buy', amount));
const boughtRead = await call('fetchOrder market', () => exchange.fetchOrder(bought.id, symbol));
check('market order fills', boughtRead.status === 'closed' && boughtRead.filled === amount, { status: 'closed', filled: amount }, { status: boughtRead.status, filled: boughtRead.filled });

const opened = await call('fetchMyTrades (open)', () => exchange.fetchMyTrades(symbol));
const openState = replayLinear(opened, contractSize);
const positions = await call('fetchPositions', () => exchange.fetchPositions([symbol]));
const position = positions.find((x) => x.symbol === symbol && x.contracts > 0);
check('a long position of the filled size', position !== undefined && position.side === 'long', { side: 'long', size: openState.size }, positions.map((x) => ({ side: x.side, contracts: x.contracts })));
checkNear('position size = fills', position.contracts * position.contractSize, openState.size);
checkNear('entry price = fills', position.entryPrice, openState.entry, 1e-6);
const openFees = feesByCurrency(opened).USDT ?? 0;
check('taker fee charged', openFees > 0, '> 0', openFees);
const midBalance = await call('fetchBalance (open)', () => exchange.fetchBalance());
checkNear('cash = initial − fees while open (equity − unrealised PnL)', midBalance.USDT.total - (position.unrealizedPnl ?? 0), initialUsdt - openFees, 1e-7);

const closed = await call('createOrder reduce-only', () => exchange.createOrder(symbol, 'market', 'sell', amount, undefined, { reduceOnly: true }));
const closedRead = await call('fetchOrder reduce-only', () => exchange.fetchOrder(closed.id, symbol));
check('reduce-only order fills', closedRead.status === 'closed' && closedRead.filled === amount && closedRead.reduceOnly === true,
  { status: 'closed', filled: amount, reduceOnly: true }, { status: closedRead.status, filled: closedRead.filled, reduceOnly: closedRead.reduceOnly });

const trades = await call('fetchMyTrades', () => exchange.fetchMyTrades(symbol));
check('every fill is listed', trades.some((t) => t.order === bought.id) && trades.some((t) => t.order === closed.id), 'fills of both market orders', trades.map((t) => t.order));
const state = replayLinear(trades, contractSize);
const fees = feesByCurrency(trades).USDT ?? 0;
checkNear('flat after the reduce-only order', state.size, 0);
const flat = await call('fetchPositions (flat)', () => exchange.fetchPositions([symbol]));
check('no open position', flat.every((x) => !x.contracts), 0, flat.map((x) => x.contracts));
const after = await call('fetchBalance (flat)', () => exchange.fetchBalance());
const expectedEquity = initialUsdt - fees + state.realised;
checkNear('equity = initial − fees + realised PnL', after.USDT.total, expectedEquity, 1e-7);

finish('okx', {
  symbol,
  amount,
  contractSize,
  fills: trades.length,
  fees,
  realised: state.realised,
  equity: after.USDT.total,
  expectedEquity,
});
