// ccxt pro's order books over the paper venue's WebSocket streams: binanceusdm (depth diffs synced to the REST
// snapshot on U/u/pu; ccxt throws when the chain breaks) or okx (books with seqId and ccxt's own CRC32 checksum
// check). The market must move (speed > 0). Prints one JSON line; exits 1 when ccxt reports a gap or bad checksum,
// or too few updates arrive.
// Usage: node watch.mjs binanceusdm|binance-spot|okx --rest http://127.0.0.1:PORT [--seconds 5]
import ccxt from 'ccxt';
import { begin, call, check, config, finish, pointAt } from './paper.mjs';

const venue = process.argv[2];
begin(`watch ${venue}`);
const cfg = config();
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 5;
const ws = cfg.rest.replace(/^http/, 'ws');
let exchange;
let symbol;
if (venue === 'binanceusdm') {
  exchange = new ccxt.pro.binanceusdm({ enableRateLimit: false, options: { defaultType: 'swap', fetchMarkets: { types: ['linear'] }, fetchCurrencies: false, fetchMargins: false } });
  pointAt(exchange, cfg.rest);
  for (const key of ['future', 'spot', 'margin']) {
    exchange.urls.api.ws[key] = ws + '/ws';
  }
  symbol = 'BTC/USDT:USDT';
} else if (venue === 'binance-spot') {
  exchange = new ccxt.pro.binance({ enableRateLimit: false, options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false } });
  pointAt(exchange, cfg.rest);
  exchange.urls.api.ws.spot = ws + '/ws';
  symbol = 'BTC/USDT';
} else if (venue === 'okx') {
  exchange = new ccxt.pro.okx({ enableRateLimit: false, options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] }, checksum: true } });
  exchange.has.fetchCurrencies = false;
  pointAt(exchange, cfg.rest);
  exchange.urls.api.ws = ws + '/ws/v5';
  symbol = 'BTC/USDT:USDT';
} else {
  console.error('usage: node watch.mjs binanceusdm|binance-spot|okx --rest URL');
  process.exit(2);
}

// ccxt opens plain ws:// (not wss://) only with its http agent loaded.
await exchange.loadHttpProxyAgent();
await call('loadMarkets', () => exchange.loadMarkets());
let updates = 0;
let book;
const until = Date.now() + seconds * 1000;
while (Date.now() < until) {
  book = await call('watchOrderBook', () => exchange.watchOrderBook(symbol));
  updates++;
  check('watched book is not crossed', book.bids.length === 0 || book.asks.length === 0 || book.bids[0][0] < book.asks[0][0], 'bid < ask', { bid: book.bids[0], ask: book.asks[0] });
}
let trades = [];
const tradesUntil = Date.now() + seconds * 1000;
while (trades.length === 0 && Date.now() < tradesUntil) {
  trades = await call('watchTrades', () => exchange.watchTrades(symbol));
}
check('book updates arrived', updates >= seconds, `>= ${seconds}`, updates);
check('trades arrived', trades.length > 0, '> 0', trades.length);
await exchange.close();
finish(`watch ${venue}`, { symbol, updates, nonce: book.nonce, levels: { bids: book.bids.length, asks: book.asks.length }, trades: trades.length });
