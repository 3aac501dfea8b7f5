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
}
