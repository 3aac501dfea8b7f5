using System.Runtime.InteropServices;
using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>
/// One venue account's share of the portfolio: its wallet balances per asset, the instruments it trades (their legs'
/// PnL, funding and margin settle into these balances) and its day's PnL.
/// </summary>
internal sealed class AccountBook(VenueAccount id, int curveCapacity)
{
    public VenueAccount Id { get; } = id;

    /// <summary>The account's equity sampled with the total's, oldest first.</summary>
    public EquityCurve EquityCurve { get; } = new(curveCapacity);

    /// <summary>Wallet balance per asset, raw at 8 decimals.</summary>
    public Dictionary<string, long> Balances { get; } = new(StringComparer.Ordinal);

    /// <summary>The instruments whose positions this account holds.</summary>
    public List<TrackedInstrument> Instruments { get; } = [];

    /// <summary>Realised PnL after fees and funding since 00:00 UTC, in the valuation currency.</summary>
    public long DayRealizedRaw { get; set; }

    /// <summary>Unrealised PnL (spot legs included) at 00:00 UTC or when the portfolio started, in the valuation currency.</summary>
    public long DayStartUnrealizedRaw { get; set; }

    public void Add(string asset, long raw)
    {
        ref var balance = ref CollectionsMarshal.GetValueRefOrAddDefault(Balances, asset, out _);
        balance += raw;
    }

    public long Balance(string asset) => Balances.GetValueOrDefault(asset);
}
