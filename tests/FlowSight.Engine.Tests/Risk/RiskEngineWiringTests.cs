using System.Text;
using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>The risk engine wired to the engine loop and configured from JSON, as a host does it.</summary>
public sealed class RiskEngineWiringTests
{
    [Fact]
    public void Disconnect_timer_trips_the_kill_switch_on_the_engine_thread_not_the_timer_thread()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero));
        using var loop = new EngineLoop(new FlowSightOptions { EventBufferSize = 1_024, WaitStrategy = WaitStrategyKind.Blocking }, clock);
        var gateway = new RecordingGateway();
        var tripped = new EventLog<KillSwitchTripped>();
        loop.Bus.Subscribe("tripped", tripped);
        using var risk = new RiskEngine(
            new RiskLimits { MaxDisconnect = TimeSpan.FromSeconds(10) },
            [BtcSpec, EthSpec],
            new TestOrderView(),
            new TestPortfolioView(),
            gateway,
            loop.Bus,
            loop.Clock,
            () => ClientOrderId.Parse("ks-1"),
            work => loop.Post(_ => work()));

        loop.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "main", Connected = false });
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(tripped.Seen); // the timers only posted the check

        Assert.True(loop.RunPending() >= 1);

        Assert.Equal(KillSwitchTrigger.Disconnect, Assert.Single(tripped.Seen).Trigger);
        Assert.Equal(TradingState.Halted, risk.State);
        Assert.Single(gateway.CanceledAll);
    }

    [Fact]
    public void Limits_bind_from_json_with_per_instrument_overrides()
    {
        const string json = """
            {
              "Risk": {
                "Defaults": { "MaxOrderNotional": 10000, "PriceBandBps": 200 },
                "Instruments": { "BTCUSDT-PERP.BINANCE": { "MaxOrderNotional": 50000, "MaxOpenOrders": 5 } },
                "MaxLeverage": 3,
                "DailyLossLimit": 1500,
                "Accounts": { "customer-7": { "DailyLossLimit": 200 } },
                "FlattenOnDailyLoss": true,
                "MaxOrdersPerSecond": 10,
                "MaxRejects": 5,
                "RejectWindow": "00:00:30",
                "MaxDisconnect": "00:01:00",
                "RefuseWithoutMarkPrice": false
              }
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var limits = configuration.GetSection("Risk").Get<RiskLimits>()!;

        Assert.Equal((10_000m, 200m), (limits.Defaults.MaxOrderNotional, limits.Defaults.PriceBandBps));
        var btc = limits.Instruments["BTCUSDT-PERP.BINANCE"].Over(limits.Defaults);
        Assert.Equal((50_000m, 5, 200m), (btc.MaxOrderNotional, btc.MaxOpenOrders, btc.PriceBandBps));
        Assert.Equal((3m, 1_500m, true, 10, 5), (limits.MaxLeverage, limits.DailyLossLimit, limits.FlattenOnDailyLoss, limits.MaxOrdersPerSecond, limits.MaxRejects));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), false), (limits.RejectWindow, limits.MaxDisconnect, limits.RefuseWithoutMarkPrice));
        Assert.Equal(200m, limits.Accounts["customer-7"].DailyLossLimit);

        using var f = new RiskFixture(limits);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 1m, 50_000m)).Approved);
        Assert.Equal(RiskChecks.MaxNotional, f.Engine.Submit(f.Limit(OrderSide.Buy, 5.001m, 2_000m, Eth)).Check);
    }

    [Fact]
    public void On_a_simulated_clock_without_timers_the_triggers_run_on_events()
    {
        var clock = new SimulatedClock(UnixNanos.FromDateTimeOffset(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero)));
        using var loop = new EngineLoop(new FlowSightOptions { EventBufferSize = 1_024, WaitStrategy = WaitStrategyKind.Blocking }, clock);
        var tripped = new EventLog<KillSwitchTripped>();
        loop.Bus.Subscribe("tripped", tripped);
        using var risk = new RiskEngine(
            new RiskLimits { MaxDisconnect = TimeSpan.FromSeconds(10) },
            [BtcSpec],
            new TestOrderView(),
            new TestPortfolioView(),
            new RecordingGateway(),
            loop.Bus,
            loop.Clock,
            () => ClientOrderId.Parse("ks-1"),
            work => loop.Post(_ => work()));

        loop.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "main", Connected = false });
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(tripped.Seen);

        risk.EvaluateTriggers();

        Assert.Equal(KillSwitchTrigger.Disconnect, Assert.Single(tripped.Seen).Trigger);
    }
}
