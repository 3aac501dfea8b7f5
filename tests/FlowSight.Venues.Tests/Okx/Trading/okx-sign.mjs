// Prints the OKX signatures ccxt computes for given requests, for OkxRequestSignerTests.
// Usage: node okx-sign.mjs <file URL of ccxt's js/ccxt.js> <cases JSON>
// A case is {"path":"trade/order","method":"POST","params":{...},"nonce":<ms>} (ccxt's okx.sign, its own prehash and
// HMAC) or {"login":true,"seconds":<s>} (ccxt pro's okx.authenticate, the login request it would send).
const [, , ccxtUrl, casesJson] = process.argv;
const ccxt = (await import(ccxtUrl)).default;
const credentials = { apiKey: 'h5-key', secret: 'h5-secret-0123456789', password: 'H5-pass-1' };
const results = [];
for (const c of JSON.parse(casesJson)) {
  if (c.login) {
    const exchange = new ccxt.pro.okx(credentials);
    exchange.seconds = () => c.seconds;
    let sent;
    exchange.watch = (url, hash, request) => { sent = request; return new Promise(() => {}); };
    exchange.authenticate();
    await Promise.resolve();
    const arg = sent.args[0];
    results.push({ timestamp: arg.timestamp, sign: arg.sign });
    continue;
  }
  const exchange = new ccxt.okx(credentials);
  exchange.nonce = () => c.nonce;
  const signed = exchange.sign(c.path, 'private', c.method, structuredClone(c.params));
  const url = new URL(signed.url);
  results.push({
    timestamp: signed.headers['OK-ACCESS-TIMESTAMP'],
    requestPath: url.pathname + url.search,
    body: signed.body ?? '',
    sign: signed.headers['OK-ACCESS-SIGN'],
  });
}
console.log(JSON.stringify(results));
