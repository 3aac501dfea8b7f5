using FlowSight.Core;
using Microsoft.Extensions.Logging;

namespace FlowSight.Engine.Portfolio;

/// <summary>The venue's reports at reconciliation: they are the truth when they disagree.</summary>
public sealed partial class Portfolio
{
    /// <summary>
    /// A reconciliation snapshot (<see cref="BalanceReport.IsSnapshot"/>) sets the asset's balance of the account the
    /// report names (<see cref="BalanceReport.Venue"/>, <see cref="BalanceReport.Account"/>) to the venue's wallet
    /// balance, counting a disagreement in <see cref="BalanceCorrections"/>; streamed updates are ignored because they
    /// may already include fills the portfolio has not applied yet (the fills move the balance themselves).
    /// </summary>
    public void OnBalanceReport(in BalanceReport report)
    {
        RollDay();
        if (string.IsNullOrEmpty(report.Asset) || !report.IsSnapshot)
        {
            return; // a streamed balance may already include fills the portfolio has not seen yet
        }

        var account = Book(new VenueAccount(report.Venue, report.Account ?? string.Empty));
        var reported = ToRaw(report.Total);
        if (account.Balances.TryGetValue(report.Asset, out var current) && current != reported)
        {
            BalanceCorrections++;
            _logger.LogWarning(
                "Portfolio: {Account} reports {Asset} balance {Reported}, the portfolio had {Current}; taking the venue's.",
                account.Id, report.Asset, report.Total, Amount(current));
        }

        account.Balances[report.Asset] = reported;
        SampleIfDue();
    }

    /// <summary>
    /// Takes the venue's leverage and margin type from any report; from a reconciliation snapshot
    /// (<see cref="PositionStatusReport.IsSnapshot"/>) also its position when it disagrees with the portfolio's (a
    /// different size, or an average entry more than half a tick away): the leg is replaced by the venue's size and
    /// entry, keeps its realised PnL, <see cref="PositionCorrections"/> counts it and a warning says so (after a restart
    /// every open position is such a correction). An isolated leg taken over gets
    /// entry notional ÷ leverage as its isolated wallet (the report carries no isolated margin).
    /// </summary>
    public void OnPositionReport(in PositionStatusReport report)
    {
        RollDay();
        if (!_byId.TryGetValue(report.Instrument, out var tracked))
        {
            UnknownInstrumentEvents++;
            return;
        }

        if (!tracked.IsSpot)
        {
            if (report.Leverage >= 1m)
            {
                tracked.Leverage = (int)Math.Round(report.Leverage, MidpointRounding.AwayFromZero);
            }

            tracked.MarginMode = report.Isolated ? MarginMode.Isolated : MarginMode.Cross;
        }

        if (!report.IsSnapshot)
        {
            return; // a streamed position may already include fills the portfolio has not seen yet
        }

        var reportedSize = Quantity.FromDecimal(Math.Round(Math.Abs(report.Quantity), tracked.SizePrecision, MidpointRounding.ToEven), tracked.SizePrecision).Raw;
        if (report.Quantity < 0)
        {
            reportedSize = -reportedSize;
        }

        var leg = tracked.LegOrNull(report.PositionSide);
        var size = leg?.SizeRaw ?? 0;
        var entry = 0m;
        if (leg is { SizeRaw: not 0 })
        {
            entry = Amount(leg.EntryNotionalRaw) / (tracked.Quantity(leg.AbsSizeRaw).ToDecimal() * tracked.Multiplier);
        }

        var halfTick = tracked.Spec.TickSize.ToDecimal() / 2m;
        if (size == reportedSize && (size == 0 || Math.Abs(entry - report.EntryPrice) <= halfTick))
        {
            return;
        }

        PositionCorrections++;
        _logger.LogWarning(
            "Portfolio: the venue reports {Instrument} {Side} {Quantity} @ {Entry}, the portfolio had {OurQuantity} @ {OurEntry}; taking the venue's.",
            report.Instrument, report.PositionSide, report.Quantity, report.EntryPrice, tracked.SignedSize(size), entry);
        leg ??= tracked.Leg(report.PositionSide);
        var unrealizedBefore = UnrealizedPnlRaw(leg, MarkNotionalRaw(leg));
        leg.SizeRaw = reportedSize;
        leg.EntryNotionalRaw = reportedSize == 0
            ? 0
            : ToRaw(Math.Abs(report.Quantity) * report.EntryPrice * tracked.Multiplier);
        leg.IsolatedWalletRaw = !tracked.IsSpot && tracked.MarginMode == MarginMode.Isolated && reportedSize != 0
            ? CeilDiv(leg.EntryNotionalRaw, tracked.Leverage)
            : 0;

        // The day's PnL should not jump because our view was wrong: move the day's baseline with the correction.
        var shift = ValueRaw(tracked.SettleAsset, UnrealizedPnlRaw(leg, MarkNotionalRaw(leg)) - unrealizedBefore);
        _dayStartUnrealizedRaw += shift;
        tracked.Account.DayStartUnrealizedRaw += shift;
        SampleIfDue();
    }
}
