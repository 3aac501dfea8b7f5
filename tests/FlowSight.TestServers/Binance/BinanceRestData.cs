using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// The recorded REST bodies the server answers with: exchangeInfo per market (spot 2021-10-12 and USDⓈ-M 2021-07-22
/// recordings; COIN-M has no recording, so a small exchangeInfo in Binance's documented shape is built here), and depth
/// snapshots (hftbacktest BTCUSDT spot/USDⓈ-M 2024-08-08 and the cryptofeed sessions' snapshots).
/// </summary>
public sealed class BinanceRestData
{
    private readonly Dictionary<BinanceServerMarket, byte[]> _exchangeInfo = [];
    private readonly Dictionary<(BinanceServerMarket, string), BinanceRestSymbol> _symbols = [];
    private readonly Dictionary<(BinanceServerMarket, string), byte[]> _depth = [];
    private readonly Dictionary<BinanceServerMarket, int> _declaredWeightLimits = [];
    private readonly Dictionary<(BinanceServerMarket, string), Func<byte[]?>> _depthSources = [];

    /// <summary>Loads what exists under <paramref name="dataRoot"/> (the shared data folder); null loads only the COIN-M exchangeInfo.</summary>
    public BinanceRestData(string? dataRoot)
    {
        if (dataRoot is not null)
        {
            LoadExchangeInfo(BinanceServerMarket.Spot, Path.Combine(dataRoot, "binance/spot/rest/exchangeInfo_api_v3_20211012.json"));
            LoadExchangeInfo(BinanceServerMarket.UsdM, Path.Combine(dataRoot, "binance/futures/rest/exchangeInfo_fapi_20210722.json"));
            LoadDepth(BinanceServerMarket.Spot, "BTCUSDT", Path.Combine(dataRoot, "binance/spot/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json"));
            LoadDepth(BinanceServerMarket.UsdM, "BTCUSDT", Path.Combine(dataRoot, "binance/futures/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json"));
            LoadCryptofeedDepth(BinanceServerMarket.Spot, Path.Combine(dataRoot, "recordings/cryptofeed/BINANCE.http.0.0"));
            LoadCryptofeedDepth(BinanceServerMarket.UsdM, Path.Combine(dataRoot, "recordings/cryptofeed/BINANCE_FUTURES.http.0.0"));
        }

        SetExchangeInfo(BinanceServerMarket.CoinM, CoinMExchangeInfo());
    }

    /// <summary>The exchangeInfo body served for <paramref name="market"/>, or null when none was loaded.</summary>
    public byte[]? ExchangeInfo(BinanceServerMarket market) => _exchangeInfo.GetValueOrDefault(market);

    /// <summary>The REQUEST_WEIGHT per minute the served exchangeInfo declares, or null.</summary>
    public int? DeclaredWeightLimit(BinanceServerMarket market) => _declaredWeightLimits.TryGetValue(market, out var limit) ? limit : null;

    /// <summary>The symbol, or null when the market's exchangeInfo does not list it.</summary>
    public BinanceRestSymbol? Symbol(BinanceServerMarket market, string symbol) => _symbols.GetValueOrDefault((market, symbol));

    /// <summary>
    /// The depth snapshot body to serve: from the source set with <see cref="SetDepthSource"/> (e.g. the book a
    /// recording's stream has reached), else the recorded snapshot; null when neither has one.
    /// </summary>
    public byte[]? RecordedDepth(BinanceServerMarket market, string symbol)
    {
        Func<byte[]?>? source;
        lock (_depthSources)
        {
            source = _depthSources.GetValueOrDefault((market, symbol));
        }

        return source?.Invoke() ?? _depth.GetValueOrDefault((market, symbol));
    }

    /// <summary>
    /// Makes <paramref name="symbol"/> known when no exchangeInfo lists it (e.g. a recording served without the shared
    /// data), with prices and quantities printed to the given decimals.
    /// </summary>
    public void EnsureSymbol(BinanceServerMarket market, string symbol, int priceDecimals, int quantityDecimals)
    {
        _symbols.TryAdd(
            (market, symbol),
            new BinanceRestSymbol(market, symbol, 1m / (decimal)Math.Pow(10, priceDecimals), priceDecimals, quantityDecimals, market != BinanceServerMarket.Spot, symbol, market == BinanceServerMarket.Spot ? string.Empty : "PERPETUAL"));
    }

    /// <summary>Serves <paramref name="symbol"/>'s depth from <paramref name="source"/> (a null answer falls back to the recorded snapshot).</summary>
    public void SetDepthSource(BinanceServerMarket market, string symbol, Func<byte[]?> source)
    {
        lock (_depthSources)
        {
            _depthSources[(market, symbol)] = source;
        }
    }

    /// <summary>Replaces the exchangeInfo served for <paramref name="market"/> and re-reads its symbols.</summary>
    public void SetExchangeInfo(BinanceServerMarket market, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        foreach (var key in _symbols.Keys.Where(k => k.Item1 == market).ToList())
        {
            _symbols.Remove(key);
        }

        _declaredWeightLimits.Remove(market);
        if (document.RootElement.TryGetProperty("rateLimits", out var limits))
        {
            foreach (var limit in limits.EnumerateArray())
            {
                if (limit.GetProperty("rateLimitType").GetString() == "REQUEST_WEIGHT" && limit.GetProperty("interval").GetString() == "MINUTE" && limit.GetProperty("intervalNum").GetInt32() == 1)
                {
                    _declaredWeightLimits[market] = limit.GetProperty("limit").GetInt32();
                }
            }
        }

        foreach (var s in document.RootElement.GetProperty("symbols").EnumerateArray())
        {
            var symbol = s.GetProperty("symbol").GetString()!;
            string tick = "1", step = "1";
            foreach (var filter in s.GetProperty("filters").EnumerateArray())
            {
                switch (filter.GetProperty("filterType").GetString())
                {
                    case "PRICE_FILTER":
                        tick = filter.GetProperty("tickSize").GetString()!;
                        break;
                    case "LOT_SIZE":
                        step = filter.GetProperty("stepSize").GetString()!;
                        break;
                }
            }

            var contractType = s.TryGetProperty("contractType", out var ct) ? ct.GetString() ?? string.Empty : string.Empty;
            var perpetual = market != BinanceServerMarket.Spot && (contractType.Contains("PERPETUAL", StringComparison.Ordinal)
                || (contractType.Length == 0 && s.TryGetProperty("deliveryDate", out var d) && d.GetInt64() > 4_000_000_000_000));
            var pair = s.TryGetProperty("pair", out var p) ? p.GetString()! : symbol;
            _symbols[(market, symbol)] = new BinanceRestSymbol(
                market,
                symbol,
                decimal.Parse(tick, CultureInfo.InvariantCulture),
                Decimals(tick),
                Decimals(step),
                perpetual,
                pair,
                contractType);
        }

        _exchangeInfo[market] = body;
    }

    private static int Decimals(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    private void LoadExchangeInfo(BinanceServerMarket market, string path)
    {
        if (File.Exists(path))
        {
            SetExchangeInfo(market, File.ReadAllBytes(path).AsSpan().TrimEnd((byte)'\n').ToArray());
        }
    }

    private void LoadDepth(BinanceServerMarket market, string symbol, string path)
    {
        if (File.Exists(path))
        {
            _depth[(market, symbol)] = File.ReadAllBytes(path).AsSpan().TrimEnd((byte)'\n').ToArray();
        }
    }

    /// <summary>Lines <c>&lt;url&gt; -&gt; &lt;ts&gt;: &lt;json&gt;</c> with <c>depth?symbol=X&amp;limit=1000</c>.</summary>
    private void LoadCryptofeedDepth(BinanceServerMarket market, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var line in File.ReadLines(path))
        {
            var split = line.IndexOf(": {", StringComparison.Ordinal);
            var symbolAt = line.IndexOf("symbol=", StringComparison.Ordinal);
            if (split < 0 || symbolAt < 0 || !line.Contains("/depth?", StringComparison.Ordinal))
            {
                continue;
            }

            var symbolEnd = line.IndexOf('&', symbolAt);
            var symbol = line[(symbolAt + 7)..(symbolEnd < 0 ? line.IndexOf(' ', symbolAt) : symbolEnd)];
            _depth.TryAdd((market, symbol), Encoding.UTF8.GetBytes(line[(split + 2)..]));
        }
    }

    /// <summary>
    /// A COIN-M exchangeInfo in the documented shape (no recording exists): BTCUSD_PERP, ETHUSD_PERP and the
    /// BTCUSD_240927 quarterly, with contractSize, contractStatus and marginAsset as Binance sends them.
    /// </summary>
    private static byte[] CoinMExchangeInfo() => Encoding.UTF8.GetBytes("""
        {"timezone":"UTC","serverTime":1723161600000,"rateLimits":[{"interval":"MINUTE","intervalNum":1,"limit":2400,"rateLimitType":"REQUEST_WEIGHT"},{"interval":"MINUTE","intervalNum":1,"limit":1200,"rateLimitType":"ORDERS"}],"exchangeFilters":[],
        "symbols":[
        {"filters":[{"filterType":"PRICE_FILTER","maxPrice":"4520958","minPrice":"1000","tickSize":"0.1"},{"filterType":"LOT_SIZE","maxQty":"1000000","minQty":"1","stepSize":"1"},{"filterType":"MARKET_LOT_SIZE","maxQty":"60000","minQty":"1","stepSize":"1"},{"filterType":"MAX_NUM_ORDERS","limit":200},{"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}],"orderTypes":["LIMIT","MARKET","STOP","STOP_MARKET","TAKE_PROFIT","TAKE_PROFIT_MARKET","TRAILING_STOP_MARKET"],"timeInForce":["GTC","IOC","FOK","GTX"],"liquidationFee":"0.015000","marketTakeBound":"0.05","symbol":"BTCUSD_PERP","pair":"BTCUSD","contractType":"PERPETUAL","deliveryDate":4133404800000,"onboardDate":1597042800000,"contractStatus":"TRADING","contractSize":100,"marginAsset":"BTC","maintMarginPercent":"2.5000","requiredMarginPercent":"5.0000","baseAsset":"BTC","quoteAsset":"USD","pricePrecision":1,"quantityPrecision":0,"baseAssetPrecision":8,"quotePrecision":8,"equalQtyPrecision":4,"maxMoveOrderLimit":10000,"triggerProtect":"0.0500","underlyingType":"COIN","underlyingSubType":[]},
        {"filters":[{"filterType":"PRICE_FILTER","maxPrice":"306177","minPrice":"50","tickSize":"0.01"},{"filterType":"LOT_SIZE","maxQty":"1000000","minQty":"1","stepSize":"1"},{"filterType":"MARKET_LOT_SIZE","maxQty":"100000","minQty":"1","stepSize":"1"},{"filterType":"MAX_NUM_ORDERS","limit":200},{"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}],"orderTypes":["LIMIT","MARKET","STOP","STOP_MARKET","TAKE_PROFIT","TAKE_PROFIT_MARKET","TRAILING_STOP_MARKET"],"timeInForce":["GTC","IOC","FOK","GTX"],"liquidationFee":"0.015000","marketTakeBound":"0.05","symbol":"ETHUSD_PERP","pair":"ETHUSD","contractType":"PERPETUAL","deliveryDate":4133404800000,"onboardDate":1597042800000,"contractStatus":"TRADING","contractSize":10,"marginAsset":"ETH","maintMarginPercent":"2.5000","requiredMarginPercent":"5.0000","baseAsset":"ETH","quoteAsset":"USD","pricePrecision":2,"quantityPrecision":0,"baseAssetPrecision":8,"quotePrecision":8,"equalQtyPrecision":4,"maxMoveOrderLimit":10000,"triggerProtect":"0.0500","underlyingType":"COIN","underlyingSubType":[]},
        {"filters":[{"filterType":"PRICE_FILTER","maxPrice":"4529764","minPrice":"1000","tickSize":"0.1"},{"filterType":"LOT_SIZE","maxQty":"1000000","minQty":"1","stepSize":"1"},{"filterType":"MARKET_LOT_SIZE","maxQty":"1000","minQty":"1","stepSize":"1"},{"filterType":"MAX_NUM_ORDERS","limit":200},{"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}],"orderTypes":["LIMIT","MARKET","STOP","STOP_MARKET","TAKE_PROFIT","TAKE_PROFIT_MARKET","TRAILING_STOP_MARKET"],"timeInForce":["GTC","IOC","FOK","GTX"],"liquidationFee":"0.010000","marketTakeBound":"0.05","symbol":"BTCUSD_240927","pair":"BTCUSD","contractType":"CURRENT_QUARTER","deliveryDate":1727424000000,"onboardDate":1711699200000,"contractStatus":"TRADING","contractSize":100,"marginAsset":"BTC","maintMarginPercent":"2.5000","requiredMarginPercent":"5.0000","baseAsset":"BTC","quoteAsset":"USD","pricePrecision":1,"quantityPrecision":0,"baseAssetPrecision":8,"quotePrecision":8,"equalQtyPrecision":4,"maxMoveOrderLimit":10000,"triggerProtect":"0.0500","underlyingType":"COIN","underlyingSubType":[]}
        ]}
        """);
}
