using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Orders;
using FsCheck.Xunit;
using Xunit;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Exchange;

/// <summary>
/// Invariants of the accounts over seeded random sessions through the real matching engine: no spot balance goes
/// negative; every unit is accounted for (spot: balances + fees = deposits; futures: wallets = deposits + realised PnL
/// − fees + funding − insurance clearances); a reduce-only fill never grows or flips a position; positions net to zero against what liquidations handed to the exchange;
/// the insurance fund is the sum of what liquidations gave it; cancelling everything releases every lock.
/// </summary>
public sealed class AccountInvariantTests
{
    [Property(MaxTest = 12)]
    public bool Balances_never_go_negative_and_every_unit_is_accounted_for(int seed) => Check(seed, 600);

    [Fact]
    public void A_long_session_keeps_the_books_exact_and_liquidates_on_wicks()
    {
        var sink = Check(20261124, 3_000, out var ok);
        Assert.True(ok, Failed);
        Assert.NotEmpty(sink.Of<LiquidationEvent>());
        Assert.Contains(sink.Of<OrderEvent>(), e => e is { ExecutionType: ExecutionType.Trade, ReduceOnly: true });
        Assert.Contains(sink.Of<OrderEvent>(), e => e is { ExecutionType: ExecutionType.Expired, ReduceOnly: true } or { ExecutionType: ExecutionType.Rejected, RejectReason: RejectReason.ReduceOnlyRejected });
        Assert.Contains(sink.Of<PositionUpdate>(), u => u.Position is { PositionSide: PositionSide.Short, Direction: PositionDirection.Short });
    }

    [ThreadStatic]
    private static string? Failed;

    private static bool Check(int seed, int steps) => Check(seed, steps, out var ok) is not null && ok;

    private static RecordingSimulatorSink Check(int seed, int steps, out bool ok)
    {
        var sink = new RecordingSimulatorSink();
        var negative = false;
        var exchange = ExchangeScript.Run(seed, steps, sink, afterStep: e => negative |= AnySpotNegative(e));

        // Cancel everything: every lock must come back.
        for (var account = 1; account <= ExchangeScript.Accounts; account++)
        {
            exchange.CancelAll(account, BtcUsdtPerp.Id, long.MaxValue - 1);
            exchange.CancelAll(account, BtcUsdtSpot.Id, long.MaxValue - 1);
        }

        Failed = !negative && !AnySpotNegative(exchange) ? !LocksReleased(exchange) ? "locks" : !SpotConserved(exchange, sink) ? "spot"
            : !FuturesConserved(exchange, sink) ? "futures" : !PositionsNet(exchange, sink) ? "net" : !ReduceOnlyNeverGrows(sink) ? "reduce-only" : null
            : "negative";
        ok = Failed is null;
        return sink;
    }

    /// <summary>A reduce-only fill (and a hedge-mode closing fill) leaves its position smaller, never larger or flipped.</summary>
    private static bool ReduceOnlyNeverGrows(RecordingSimulatorSink sink)
    {
        var last = new Dictionary<(int, PositionSide), PositionSnapshot>();
        PositionSnapshot? pendingBefore = null;
        PositionSnapshot? pendingAfter = null;
        foreach (var item in sink.Events)
        {
            switch (item)
            {
                case PositionUpdate update when update.Reason == AccountUpdateReason.Order:
                    var key = (update.Position.AccountId, update.Position.PositionSide);
                    pendingBefore = last.TryGetValue(key, out var before) ? before : null;
                    pendingAfter = update.Position;
                    last[key] = update.Position;
                    break;
                case PositionUpdate update:
                    last[(update.Position.AccountId, update.Position.PositionSide)] = update.Position;
                    break;
                case OrderEvent { ExecutionType: ExecutionType.Trade, ReduceOnly: true } fill when fill.Instrument == BtcUsdtPerp.Id:
                    if (pendingBefore is not { } b || pendingAfter is not { } a || a.AccountId != fill.AccountId)
                    {
                        return false; // a reduce-only fill without a position to reduce
                    }

                    if (a.Size > b.Size || (a.Direction != PositionDirection.Flat && a.Direction != b.Direction))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    private static bool AnySpotNegative(SimulatedExchange exchange)
    {
        for (var account = 1; account <= ExchangeScript.Accounts; account++)
        {
            foreach (var asset in new[] { "USDT", "BTC" })
            {
                var balance = exchange.Accounts.GetSpotBalance(account, asset);
                if (balance.Free.Raw < 0 || balance.Locked.Raw < 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool LocksReleased(SimulatedExchange exchange)
    {
        for (var account = 1; account <= ExchangeScript.Accounts; account++)
        {
            if (exchange.Accounts.GetSpotBalance(account, "USDT").Locked.Raw != 0
                || exchange.Accounts.GetSpotBalance(account, "BTC").Locked.Raw != 0
                || exchange.Accounts.GetFuturesBalance(account, "USDT").OpenOrderInitialMargin.Raw != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SpotConserved(SimulatedExchange exchange, RecordingSimulatorSink sink)
    {
        foreach (var (asset, deposit) in new[] { ("USDT", Usdt("500000")), ("BTC", Usdt("10")) })
        {
            var total = Usdt("0");
            for (var account = 1; account <= ExchangeScript.Accounts; account++)
            {
                total += exchange.Accounts.GetSpotBalance(account, asset).Total;
            }

            var fees = sink.Of<OrderEvent>()
                .Where(e => e.Instrument == BtcUsdtSpot.Id && e.ExecutionType == ExecutionType.Trade && e.CommissionAsset == asset)
                .Aggregate(Usdt("0"), (sum, e) => sum + e.Commission);
            if (total + fees != Sum(deposit, ExchangeScript.Accounts))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FuturesConserved(SimulatedExchange exchange, RecordingSimulatorSink sink)
    {
        var wallets = Usdt("0");
        for (var account = 1; account <= ExchangeScript.Accounts; account++)
        {
            wallets += exchange.Accounts.GetFuturesBalance(account, "USDT").WalletBalance;
        }

        var perpEvents = sink.Of<OrderEvent>().Where(e => e.Instrument == BtcUsdtPerp.Id && e.ExecutionType is ExecutionType.Trade or ExecutionType.Liquidation).ToList();
        var pnl = perpEvents.Aggregate(Usdt("0"), (sum, e) => sum + e.RealizedPnl);
        var fees = perpEvents.Aggregate(Usdt("0"), (sum, e) => sum + e.Commission);
        var funding = sink.Of<FundingPayment>().Aggregate(Usdt("0"), (sum, p) => sum + p.Amount);
        var clears = sink.Of<BalanceUpdate>().Where(b => b.Reason == AccountUpdateReason.InsuranceClear).Aggregate(Usdt("0"), (sum, b) => sum + b.BalanceChange);
        var deposits = Usdt("150") + Usdt("150") + Sum(Usdt("1000000"), ExchangeScript.Accounts - 2);
        var insurance = sink.Of<LiquidationEvent>().Aggregate(Usdt("0"), (sum, l) => sum + l.InsuranceFundChange);
        return wallets == deposits + pnl - fees + funding + clears && insurance == exchange.Accounts.InsuranceFund("USDT");
    }

    private static bool PositionsNet(SimulatedExchange exchange, RecordingSimulatorSink sink)
    {
        long net = 0;
        for (var account = 1; account <= ExchangeScript.Accounts; account++)
        {
            foreach (var leg in new[] { PositionSide.Both, PositionSide.Long, PositionSide.Short })
            {
                net += Signed(exchange.Accounts.GetPosition(account, BtcUsdtPerp.Id, leg));
            }
        }

        // A liquidated position was taken over by the exchange: the other side of it stays with the market.
        foreach (var liquidation in sink.Of<LiquidationEvent>())
        {
            net += (liquidation.Direction == PositionDirection.Long ? 1 : -1) * liquidation.Size.RoundTo(3, RoundingMode.ToEven).Raw;
        }

        return net == 0;

        static long Signed(PositionSnapshot p) => (p.Direction == PositionDirection.Short ? -1 : 1) * p.Size.RoundTo(3, RoundingMode.ToEven).Raw;
    }

    private static Money Sum(Money value, int times)
    {
        var total = Usdt("0");
        for (var i = 0; i < times; i++)
        {
            total += value;
        }

        return total;
    }
}
