using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>
/// USDⓈ-M <c>ALGO_UPDATE</c> ("Event: Algo Order Update"; the TRIGGERED frame as Binance's servers sent it, from
/// nautilus_trader issue 3287): the algo order's states are reported under its <c>caid</c>, and the regular order a
/// triggered one became (<c>ai</c>) reports its fills under the same client id, counted by trade id only.
/// </summary>
public sealed class BinanceAlgoUpdateParserTests
{
    private static readonly Instrument Doge = new()
    {
        Id = InstrumentId.Of("DOGEUSDT-PERP", Venue.Binance),
        VenueSymbol = "DOGEUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "DOGE",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.00001m, 5),
        StepSize = Quantity.FromDecimal(1m, 0),
        MinQuantity = Quantity.FromDecimal(1m, 0),
    };

    private static string Algo(string status, string actualId, string filled, string average) =>
        """{"e":"ALGO_UPDATE","T":1765431097030,"E":1765431097037,"o":{"caid":"FS0algo1","aid":1000000033225453,"at":"CONDITIONAL","o":"STOP_MARKET","s":"DOGEUSDT","S":"BUY","ps":"BOTH","f":"GTC","q":"38","X":"STATUS","ai":"ACTUAL","ap":"AVERAGE","aq":"FILLED","act":"MARKET","tp":"0.13855","p":"0","V":"EXPIRE_MAKER","wt":"CONTRACT_PRICE","pm":"NONE","cp":false,"pP":false,"R":false,"tt":1765431097019,"gtd":0}}"""
            .Replace("STATUS", status, StringComparison.Ordinal).Replace("ACTUAL", actualId, StringComparison.Ordinal)
            .Replace("FILLED", filled, StringComparison.Ordinal).Replace("AVERAGE", average, StringComparison.Ordinal);

    // The regular order's fill, under a client id of Binance's own (the adapter must not depend on it being the caid).
    private const string ChildTrade =
        """{"e":"ORDER_TRADE_UPDATE","E":1765431097040,"T":1765431097039,"o":{"s":"DOGEUSDT","c":"autoclose-x","S":"BUY","o":"MARKET","f":"GTC","q":"38","p":"0","ap":"0.13860","sp":"0.13855","x":"TRADE","X":"FILLED","i":88937381063,"l":"38","z":"38","L":"0.13860","N":"USDT","n":"0.00263340","T":1765431097039,"t":555001,"b":"0","a":"0","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"STOP_MARKET","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0}}""";

    [Fact]
    public void An_algo_order_is_reported_under_its_client_algo_id_from_new_to_finished_and_its_regular_orders_fill_is_ours()
    {
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, [Doge]);
        var sink = new RecordingSink();

        foreach (var frame in new[] { Algo("NEW", "", "0", "0"), Algo("TRIGGERING", "", "0", "0"), Algo("TRIGGERED", "88937381063", "0", "0"), ChildTrade, Algo("FINISHED", "88937381063", "38", "0.13860") })
        {
            Assert.Equal(BinanceUserDataEvent.Order, parser.Parse(Encoding.UTF8.GetBytes(frame), 5, sink));
        }

        var statuses = sink.All<OrderStatusReport>();
        Assert.All(statuses, s => Assert.Equal("FS0algo1", s.ClientOrderId.ToString()));
        Assert.Equal([OrderStatus.Accepted, OrderStatus.Accepted, OrderStatus.Filled, OrderStatus.Filled], statuses.Select(s => s.Status)); // TRIGGERING skipped
        Assert.Equal(["1000000033225453", "88937381063", "88937381063", "88937381063"], statuses.Select(s => s.VenueOrderId.ToString()));
        Assert.Equal(OrderType.StopMarket, statuses[0].Type);
        Assert.Equal(0.13855m, statuses[0].TriggerPrice!.Value.ToDecimal());
        Assert.Equal(38m, statuses[^1].FilledQuantity.ToDecimal());
        Assert.Equal(0.1386m, statuses[^1].AveragePrice!.Value.ToDecimal());

        // ALGO_UPDATE carries cumulative quantities only; the one fill is the regular order's TRADE, by its trade id.
        var fill = Assert.Single(sink.All<FillReport>());
        Assert.Equal(("FS0algo1", "555001", "88937381063", 38m), (fill.ClientOrderId.ToString(), fill.TradeId, fill.VenueOrderId.ToString(), fill.Quantity.ToDecimal()));
    }

    [Fact]
    public void Canceled_expired_and_rejected_algo_orders_end_with_the_venues_reason()
    {
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, [Doge]);
        var sink = new RecordingSink();
        parser.Parse(Encoding.UTF8.GetBytes(Algo("CANCELED", "", "0", "0")), 1, sink);
        parser.Parse(Encoding.UTF8.GetBytes(Algo("EXPIRED", "", "0", "0")), 1, sink);
        parser.Parse(Encoding.UTF8.GetBytes(Algo("REJECTED", "", "0", "0").Replace("\"gtd\":0", "\"gtd\":0,\"rm\":\"Reduce Only reject\"", StringComparison.Ordinal)), 1, sink);
        parser.Parse(Encoding.UTF8.GetBytes(Algo("FINISHED", "88937381063", "10", "0.1386")), 1, sink);

        var statuses = sink.All<OrderStatusReport>();
        Assert.Equal([OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.Rejected, OrderStatus.Canceled], statuses.Select(s => s.Status));
        Assert.Equal("Reduce Only reject", statuses[2].Reason);
        Assert.Equal(10m, statuses[3].FilledQuantity.ToDecimal()); // finished partly filled: the rest was canceled
    }
    // The regular order's events under its own client id: NEW, then TRADEs (x TRADE) by trade id.
    private static string Child(string execution, string status, string last, string cumulative, long tradeId, string client = "autoclose-x", long orderId = 88937381063) =>
        ChildTrade.Replace("\"x\":\"TRADE\",\"X\":\"FILLED\"", $"\"x\":\"{execution}\",\"X\":\"{status}\"", StringComparison.Ordinal)
            .Replace("\"l\":\"38\",\"z\":\"38\"", $"\"l\":\"{last}\",\"z\":\"{cumulative}\"", StringComparison.Ordinal)
            .Replace("\"t\":555001", $"\"t\":{tradeId}", StringComparison.Ordinal)
            .Replace("autoclose-x", client, StringComparison.Ordinal)
            .Replace("88937381063", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public void A_regular_orders_events_seen_before_the_TRIGGERED_naming_it_are_reported_as_ours_with_each_fill_once()
    {
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, [Doge]);
        var sink = new RecordingSink();
        string[] frames =
        [
            Algo("NEW", "", "0", "0"),
            Child("NEW", "NEW", "0", "0", 0),                  // the matching engine's events overtake the algo service's
            Child("TRADE", "PARTIALLY_FILLED", "10", "10", 555001),
            Algo("TRIGGERED", "88937381063", "10", "0.13860"),
            Child("TRADE", "FILLED", "28", "38", 555002),
            Child("TRADE", "PARTIALLY_FILLED", "10", "10", 555001), // a late duplicate
            Algo("FINISHED", "88937381063", "38", "0.13860"),
        ];
        foreach (var frame in frames)
        {
            parser.Parse(Encoding.UTF8.GetBytes(frame), 5, sink);
        }

        Assert.Equal(0, parser.HeldCount);
        Assert.All(sink.All<OrderStatusReport>(), s => Assert.Equal("FS0algo1", s.ClientOrderId.ToString()));
        var fills = sink.All<FillReport>();
        Assert.All(fills, f => Assert.Equal("FS0algo1", f.ClientOrderId.ToString()));

        // Each trade is delivered under our id (the duplicate too: the engine counts a trade id once); none under Binance's id.
        Assert.Equal(["555001", "555002", "555001"], fills.Select(f => f.TradeId));
        Assert.Equal(38m, fills.Take(2).Sum(f => f.Quantity.ToDecimal()));
        Assert.Equal(OrderStatus.Filled, sink.All<OrderStatusReport>()[^1].Status);
    }

    [Fact]
    public void A_regular_order_carrying_our_algo_orders_id_is_ours_before_its_TRIGGERED()
    {
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, [Doge]);
        var sink = new RecordingSink();
        parser.Parse(Encoding.UTF8.GetBytes(Algo("NEW", "", "0", "0")), 5, sink);
        parser.Parse(Encoding.UTF8.GetBytes(Child("TRADE", "FILLED", "38", "38", 555001, client: "FS0algo1")), 5, sink);

        Assert.Equal(0, parser.HeldCount);
        var fill = Assert.Single(sink.All<FillReport>());
        Assert.Equal(("FS0algo1", "88937381063"), (fill.ClientOrderId.ToString(), fill.VenueOrderId.ToString()));

        // Its later events, under whatever client id, stay ours.
        parser.Parse(Encoding.UTF8.GetBytes(Child("TRADE", "FILLED", "38", "38", 555001)), 6, sink);
        Assert.All(sink.All<FillReport>(), f => Assert.Equal("FS0algo1", f.ClientOrderId.ToString()));
    }

    [Fact]
    public void Another_conditional_orders_events_are_reported_as_they_came_after_the_grace_or_once_none_of_ours_waits()
    {
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, [Doge]) { TriggerGrace = TimeSpan.FromSeconds(2) };
        var sink = new RecordingSink();
        const long T0 = 1_000_000_000_000;
        parser.Parse(Encoding.UTF8.GetBytes(Algo("NEW", "", "0", "0")), T0, sink);

        // A stop placed elsewhere (the web UI) triggers while ours waits: held, then released as it came after the grace.
        parser.Parse(Encoding.UTF8.GetBytes(Child("TRADE", "FILLED", "38", "38", 777001, client: "web_abc", orderId: 42)), T0, sink);
        Assert.Equal(1, parser.HeldCount);
        Assert.Empty(sink.All<FillReport>());
        parser.Release(T0 + 1_999_000_000, sink);
        Assert.Equal(1, parser.HeldCount);
        parser.Release(T0 + 2_000_000_000, sink);
        Assert.Equal(0, parser.HeldCount);
        var fill = Assert.Single(sink.All<FillReport>());
        Assert.Equal(("web_abc", "42"), (fill.ClientOrderId.ToString(), fill.VenueOrderId.ToString()));

        // Held again, then ours is canceled: nothing of ours can claim it any more, so it goes out at once.
        parser.Parse(Encoding.UTF8.GetBytes(Child("TRADE", "FILLED", "38", "38", 777002, client: "web_abd", orderId: 43)), T0, sink);
        Assert.Equal(1, parser.HeldCount);
        parser.Parse(Encoding.UTF8.GetBytes(Algo("CANCELED", "", "0", "0")), T0, sink);
        Assert.Equal(0, parser.HeldCount);
        Assert.Equal(["web_abc", "web_abd"], sink.All<FillReport>().Select(f => f.ClientOrderId.ToString()));

        // With no algo order of ours waiting, a regular order's events are never held.
        parser.Parse(Encoding.UTF8.GetBytes(Child("TRADE", "FILLED", "38", "38", 777003, client: "web_abe", orderId: 44)), T0, sink);
        Assert.Equal(0, parser.HeldCount);
        Assert.Equal(3, sink.All<FillReport>().Count);
    }

    [Fact]
    public void The_algo_id_map_keeps_working_orders_and_only_the_latest_final_ones()
    {
        var ids = new BinanceAlgoOrderIds(maxFinished: 4);
        var parser = new BinanceUserDataParser(BinanceMarket.UsdM, new BinanceTradingSymbols([Doge]), ids, "main");
        var sink = new RecordingSink();
        string Of(int n, string status, string actual, string filled) =>
            Algo(status, actual, filled, filled == "0" ? "0" : "0.13860").Replace("FS0algo1", $"FS0algo{n}", StringComparison.Ordinal).Replace("1000000033225453", $"10000000{n}", StringComparison.Ordinal);

        // A working stop that never triggers, and 100 stops that trigger and fill.
        parser.Parse(Encoding.UTF8.GetBytes(Of(0, "NEW", "", "0")), 1, sink);
        for (var n = 1; n <= 100; n++)
        {
            parser.Parse(Encoding.UTF8.GetBytes(Of(n, "NEW", "", "0")), 1, sink);
            parser.Parse(Encoding.UTF8.GetBytes(Of(n, "TRIGGERED", $"{5000 + n}", "0")), 1, sink);
            parser.Parse(Encoding.UTF8.GetBytes(Child("TRADE", "FILLED", "38", "38", 900_000 + n, orderId: 5000 + n)), 1, sink);
            parser.Parse(Encoding.UTF8.GetBytes(Of(n, "FINISHED", $"{5000 + n}", "38")), 1, sink);
        }

        Assert.Equal(5, ids.Count); // the working one and the 4 latest final ones
        Assert.Equal(4, ids.TriggeredCount);
        Assert.True(ids.IsAlgo(ClientOrderId.Parse("FS0algo0")));
        Assert.True(ids.HasWaiting(Doge.Id));
        Assert.False(ids.IsAlgo(ClientOrderId.Parse("FS0algo96")));

        // A late duplicate of a kept final order's fill is still ours; each of the 100 fills was ours.
        parser.Parse(Encoding.UTF8.GetBytes(Child("TRADE", "FILLED", "38", "38", 900_100, orderId: 5100)), 1, sink);
        Assert.Equal("FS0algo100", sink.All<FillReport>()[^1].ClientOrderId.ToString());
        Assert.Equal(101, sink.All<FillReport>().Count(f => f.ClientOrderId.ToString().StartsWith("FS0algo", StringComparison.Ordinal)));
    }
}
