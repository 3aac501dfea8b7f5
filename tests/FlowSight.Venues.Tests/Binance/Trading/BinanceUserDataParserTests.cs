using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>
/// The user-data parser reports what the stream says, as often and in the order it says it: a fill delivered twice
/// is reported twice (same trade id) and a late PARTIALLY_FILLED after FILLED is reported too. Counting a fill once
/// per trade id and ignoring stale states is the engine's job (ExecutionEngine), not the adapter's.
/// </summary>
public sealed class BinanceUserDataParserTests
{
    private static readonly Instrument Btc = new()
    {
        Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.001m, 3),
        MinQuantity = Quantity.FromDecimal(0.001m, 3),
    };

    // Shapes as Binance documents ORDER_TRADE_UPDATE (USDⓈ-M "Event: Order Update").
    private static string Trade(long tradeId, string status, string last, string cumulative) =>
        """{"e":"ORDER_TRADE_UPDATE","E":1764000000100,"T":1764000000099,"o":{"s":"BTCUSDT","c":"fs-dup-1","S":"BUY","o":"LIMIT","f":"GTC","q":"0.020","p":"61800.0","ap":"61800.00000","sp":"0","x":"TRADE","X":"STATUS","i":4242,"l":"LAST","z":"CUMULATIVE","L":"61800.0","N":"USDT","n":"0.24720000","T":1764000000099,"t":TRADEID,"b":"0","a":"0","m":true,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"1.50000000","pP":false,"si":0,"ss":0,"V":"NONE","pm":"NONE","gtd":0}}"""
            .Replace("STATUS", status, StringComparison.Ordinal).Replace("LAST", last, StringComparison.Ordinal).Replace("CUMULATIVE", cumulative, StringComparison.Ordinal).Replace("TRADEID", tradeId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public void A_fill_delivered_twice_and_out_of_order_is_reported_each_time_as_delivered()
    {
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, [Btc]);
        var sink = new RecordingSink();
        foreach (var frame in new[] { Trade(2, "FILLED", "0.010", "0.020"), Trade(1, "PARTIALLY_FILLED", "0.010", "0.010"), Trade(2, "FILLED", "0.010", "0.020") })
        {
            Assert.Equal(BinanceUserDataEvent.Order, parser.Parse(Encoding.UTF8.GetBytes(frame), 7, sink));
        }

        var fills = sink.All<FillReport>();
        Assert.Equal(["2", "1", "2"], fills.Select(f => f.TradeId));
        Assert.Equal(fills[0], fills[2]);
        var fill = fills[1];
        Assert.Equal(Btc.Id, fill.Instrument);
        Assert.Equal("fs-dup-1", fill.ClientOrderId.ToString());
        Assert.Equal("4242", fill.VenueOrderId.ToString());
        Assert.Equal(61800m, fill.Price.ToDecimal());
        Assert.Equal(0.010m, fill.Quantity.ToDecimal());
        Assert.Equal(0.2472m, fill.Fee.ToDecimal());
        Assert.Equal("USDT", fill.FeeAsset);
        Assert.Equal(FillLiquidity.Maker, fill.Liquidity);
        Assert.Equal(1.5m, fill.VenueRealizedPnl!.Value.ToDecimal());
        Assert.Equal(1_764_000_000_099L * 1_000_000, fill.TradeTime);
        Assert.Equal(7, fill.Timestamp);

        var statuses = sink.All<OrderStatusReport>();
        Assert.Equal([OrderStatus.Filled, OrderStatus.PartiallyFilled, OrderStatus.Filled], statuses.Select(s => s.Status));
        Assert.Equal([0.020m, 0.010m, 0.020m], statuses.Select(s => s.FilledQuantity.ToDecimal()));

        // Each fill precedes its order's status, so a consumer sees the quantity counted before the state that includes it.
        Assert.IsType<FillReport>(sink.Events[0]);
        Assert.IsType<OrderStatusReport>(sink.Events[1]);
    }

    [Fact]
    public void A_spot_cancel_reports_the_orders_own_client_id_not_the_cancel_requests()
    {
        var spotBtc = Btc with { Id = InstrumentId.Of("BTCUSDT", Venue.Binance), Kind = InstrumentKind.Spot, SettleAsset = string.Empty };
        var parser = new BinanceUserDataParser(BinanceMarket.Spot, [spotBtc]);
        var sink = new RecordingSink();
        const string frame = """{"e":"executionReport","E":1764000000200,"s":"BTCUSDT","c":"cancel-req-9","S":"SELL","o":"LIMIT_MAKER","f":"GTC","q":"0.010","p":"62000.0","P":"0.0","F":"0.000","g":-1,"C":"fs-spot-1","x":"CANCELED","X":"CANCELED","r":"NONE","i":77,"l":"0.000","z":"0.000","L":"0.0","n":"0","N":null,"T":1764000000199,"t":-1,"I":9,"w":false,"m":false,"M":false,"O":1764000000000,"Z":"0.0","Y":"0.0","Q":"0.0","W":1764000000000,"V":"NONE"}""";
        Assert.Equal(BinanceUserDataEvent.Order, parser.Parse(Encoding.UTF8.GetBytes(frame), 1, sink));
        var report = Assert.Single(sink.All<OrderStatusReport>());
        Assert.Equal("fs-spot-1", report.ClientOrderId.ToString());
        Assert.Equal(OrderStatus.Canceled, report.Status);
        Assert.Equal(TimeInForce.Gtx, report.TimeInForce);
        Assert.Empty(sink.All<FillReport>());
    }

    [Fact]
    public void Account_updates_become_balances_and_positions_and_listenKeyExpired_is_recognised()
    {
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, [Btc]);
        var sink = new RecordingSink();
        const string account = """{"e":"ACCOUNT_UPDATE","E":1764000000300,"T":1764000000299,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"99975.27","cw":"99975.27","bc":"0"}],"P":[{"s":"BTCUSDT","pa":"-0.020","ep":"61800.0","bep":"61830.9","cr":"0","up":"-2.5","mt":"cross","iw":"0","ps":"BOTH"}]}}""";
        Assert.Equal(BinanceUserDataEvent.Account, parser.Parse(Encoding.UTF8.GetBytes(account), 1, sink));
        var balance = Assert.Single(sink.All<BalanceReport>());
        Assert.Equal(("USDT", 99975.27m), (balance.Asset, balance.Total));
        var position = Assert.Single(sink.All<PositionStatusReport>());
        Assert.Equal((-0.020m, 61800m, -2.5m, false), (position.Quantity, position.EntryPrice, position.UnrealizedPnl, position.Isolated));

        Assert.Equal(BinanceUserDataEvent.ListenKeyExpired, parser.Parse("""{"e":"listenKeyExpired","E":1764000000400,"listenKey":"abc"}"""u8, 1, sink));
        Assert.Equal(BinanceUserDataEvent.Other, parser.Parse("""{"e":"MARGIN_CALL","E":1}"""u8, 1, sink));
    }
}
