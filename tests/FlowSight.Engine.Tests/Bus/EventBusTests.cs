using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Engine.Tests.Bus;

public sealed class EventBusTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");
    private static readonly InstrumentId Eth = InstrumentId.Parse("ETHUSDT-PERP.BINANCE");

    private static TradeTick Trade(InstrumentId id, long tradeId, long raw = 618003) =>
        new(id, Price.FromRaw(raw, 1), Quantity.FromRaw(5, 3), AggressorSide.Buyer, tradeId, 0, 0);

    [Fact]
    public void Routes_by_event_type()
    {
        var bus = new EventBus();
        var trades = new Recorder<TradeTick>();
        var quotes = new Recorder<QuoteTick>();
        bus.Subscribe("trades", trades);
        bus.Subscribe("quotes", quotes);

        bus.Publish(Trade(Btc, 1));

        Assert.Single(trades.Seen);
        Assert.Empty(quotes.Seen);
    }

    [Fact]
    public void Routes_by_instrument_and_merges_global_routes_in_priority_order()
    {
        var bus = new EventBus();
        var order = new List<string>();
        bus.Subscribe(new Subscription<TradeTick> { Name = "all-low", Priority = 0 }, new Named<TradeTick>("all-low", order));
        bus.Subscribe(new Subscription<TradeTick> { Name = "btc-high", Instrument = Btc, Priority = 10 }, new Named<TradeTick>("btc-high", order));
        bus.Subscribe(new Subscription<TradeTick> { Name = "all-mid", Priority = 5 }, new Named<TradeTick>("all-mid", order));

        bus.Publish(Trade(Btc, 1));
        Assert.Equal(["btc-high", "all-mid", "all-low"], order);

        order.Clear();
        bus.Publish(Trade(Eth, 2));
        Assert.Equal(["all-mid", "all-low"], order);
    }

    [Fact]
    public void Filters_turn_events_away_and_are_counted()
    {
        var bus = new EventBus();
        var big = new Recorder<TradeTick>();
        bus.Subscribe(new Subscription<TradeTick> { Name = "big", Filter = static (in TradeTick t) => t.Price.Raw > 700000 }, big);

        bus.Publish(Trade(Btc, 1, raw: 600000));
        bus.Publish(Trade(Btc, 2, raw: 800000));

        Assert.Equal([2L], big.Seen.Select(t => t.TradeId));
        var stats = Assert.Single(bus.Snapshot());
        Assert.Equal(1, stats.Handled);
        Assert.Equal(1, stats.Filtered);
    }

    [Fact]
    public void Unsubscribing_stops_delivery()
    {
        var bus = new EventBus();
        var recorder = new Recorder<TradeTick>();
        var subscription = bus.Subscribe(new Subscription<TradeTick> { Name = "btc", Instrument = Btc }, recorder);

        bus.Publish(Trade(Btc, 1));
        subscription.Dispose();
        subscription.Dispose(); // idempotent
        bus.Publish(Trade(Btc, 2));

        Assert.Single(recorder.Seen);
        Assert.Empty(bus.Snapshot());
    }

    [Fact]
    public void A_throwing_handler_is_reported_and_the_others_still_run()
    {
        var failures = new List<HandlerFailure>();
        var bus = new EventBus(onFailure: failures.Add);
        var after = new Recorder<TradeTick>();
        bus.Subscribe(new Subscription<TradeTick> { Name = "broken", Priority = 1 }, new Throwing<TradeTick>());
        bus.Subscribe(new Subscription<TradeTick> { Name = "after" }, after);

        bus.Publish(Trade(Btc, 1));
        bus.Publish(Trade(Btc, 2));

        Assert.Equal(2, after.Seen.Count);
        Assert.Equal(2, failures.Count);
        Assert.Equal("broken", failures[0].Route);
        Assert.IsType<InvalidOperationException>(failures[0].Exception);
        Assert.Equal(2, bus.Snapshot().Single(s => s.Name == "broken").Errors);
    }

    [Fact]
    public void In_rethrow_mode_the_exception_reaches_the_publisher_after_being_reported()
    {
        var failures = new List<HandlerFailure>();
        var bus = new EventBus(onFailure: failures.Add, rethrowFailures: true);
        bus.Subscribe("broken", new Throwing<TradeTick>());

        Assert.Throws<InvalidOperationException>(() => bus.Publish(Trade(Btc, 1)));
        Assert.Single(failures);
    }

    [Fact]
    public void Instrument_routes_need_an_event_that_carries_an_instrument()
    {
        var bus = new EventBus();
        var ex = Assert.Throws<InvalidOperationException>(() =>
            bus.Subscribe(new Subscription<Heartbeat> { Name = "hb", Instrument = Btc }, new Recorder<Heartbeat>()));
        Assert.Contains("IInstrumentEvent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_report_counts_rates_and_latency_percentiles()
    {
        var bus = new EventBus();
        bus.Subscribe("count", new Counter<TradeTick>());
        for (var i = 0; i < 1_000; i++)
        {
            bus.Publish(Trade(Btc, i));
        }

        var stats = Assert.Single(bus.Snapshot());
        Assert.Equal("TradeTick", stats.EventType);
        Assert.Equal(1_000, stats.Handled);
        Assert.True(stats.EventsPerSecond > 0);
        Assert.True(stats.LatencyP50Nanos <= stats.LatencyP99Nanos);
        Assert.True(stats.LatencyP99Nanos <= stats.LatencyP999Nanos);
        Assert.True(stats.LatencyP999Nanos <= stats.LatencyMaxNanos);
        Assert.True(stats.LatencyMaxNanos > 0);
    }

    [Fact]
    public void Publishing_allocates_nothing()
    {
        var bus = new EventBus();
        bus.Subscribe("count", new Counter<TradeTick>());
        bus.Subscribe(new Subscription<TradeTick> { Name = "btc", Instrument = Btc, Filter = static (in TradeTick t) => t.TradeId >= 0 }, new Counter<TradeTick>());
        var trade = Trade(Btc, 1);
        for (var i = 0; i < 1_000; i++)
        {
            bus.Publish(in trade); // warm up: JIT, histogram buckets
        }

        var allocated = Allocations.Fewest(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                bus.Publish(in trade);
            }
        });

        Assert.Equal(0, allocated);
    }

    private readonly record struct Heartbeat(long At);

    private sealed class Recorder<T> : IEventHandler<T>
        where T : struct
    {
        public List<T> Seen { get; } = [];

        public void Handle(in T evt) => Seen.Add(evt);
    }

    private sealed class Counter<T> : IEventHandler<T>
        where T : struct
    {
        public long Count { get; private set; }

        public void Handle(in T evt) => Count++;
    }

    private sealed class Named<T>(string name, List<string> order) : IEventHandler<T>
        where T : struct
    {
        public void Handle(in T evt) => order.Add(name);
    }

    private sealed class Throwing<T> : IEventHandler<T>
        where T : struct
    {
        public void Handle(in T evt) => throw new InvalidOperationException("handler failed on purpose");
    }
}
