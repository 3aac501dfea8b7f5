using FlowSight.Core;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Synthetic;

/// <summary>
/// A complete simulated market on its own: a <see cref="MatchingEngine"/> whose book a seeded
/// <see cref="SyntheticOrderFlow"/> keeps full and trading. Our orders (any account other than the participants')
/// go into the same engine and match the flow's resting orders for real. <see cref="AdvanceTo"/> moves simulated
/// time; everything the engine reports — the participants' order events included (filter by
/// <see cref="SyntheticMarketOptions.MakerAccountId"/> / <see cref="SyntheticMarketOptions.TakerAccountId"/>) —
/// reaches the listener synchronously, in time order.
/// </summary>
/// <remarks>
/// The listener must not call back into the market from its callbacks (the engine refuses re-entry): queue the
/// reaction and send it after the call returns. Our requests should carry times at or after <see cref="Now"/>.
/// </remarks>
public sealed class SyntheticMarket : ISimulatedMarket
{
    private readonly MatchingEngine _engine;

    /// <summary>Creates the market; its book is seeded by the first <see cref="AdvanceTo"/>.</summary>
    /// <param name="instrument">What trades.</param>
    /// <param name="listener">Receives every order event, trade and book level change.</param>
    /// <param name="options">The flow's parameters and seed.</param>
    /// <param name="admission">Checks our orders (the accounts); the participants are always admitted. Null admits everything.</param>
    /// <param name="engineOptions">Id sequences and pool sizes of the engine.</param>
    public SyntheticMarket(Instrument instrument, IMarketListener listener, SyntheticMarketOptions options, IOrderAdmission? admission = null, MatchingEngineOptions? engineOptions = null)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(options);
        var relay = new ParticipantRelay(listener);
        _engine = new MatchingEngine(instrument, relay, new ParticipantAdmission(admission ?? OrderAdmission.AcceptAll, options), engineOptions);
        Flow = new SyntheticOrderFlow(_engine, options);
        relay.Flow = Flow;
    }

    /// <inheritdoc/>
    public Instrument Instrument => _engine.Instrument;

    /// <summary>The engine (last price, mark-price triggers, open orders).</summary>
    public MatchingEngine Engine => _engine;

    /// <summary>The order flow (fair value, regime, counts).</summary>
    public SyntheticOrderFlow Flow { get; }

    /// <summary>Simulated time, Unix nanoseconds.</summary>
    public long Now => Flow.Now;

    /// <summary>Runs the flow up to <paramref name="timestamp"/>: every arrival, cancel and fair-value step due by then, in time order.</summary>
    public void AdvanceTo(long timestamp) => Flow.AdvanceTo(timestamp);

    /// <inheritdoc/>
    public void Submit(in SimOrderRequest request, long timestamp) => _engine.Submit(request, timestamp);

    /// <inheritdoc/>
    public void Cancel(in SimCancelRequest request, long timestamp) => _engine.Cancel(request, timestamp);

    /// <inheritdoc/>
    public void Amend(in SimAmendRequest request, long timestamp) => _engine.Amend(request, timestamp);

    /// <inheritdoc/>
    public void CancelAll(int accountId, long timestamp) => _engine.CancelAll(accountId, timestamp);

    /// <inheritdoc/>
    public void OnMarkPrice(Price markPrice, long timestamp) => _engine.OnMarkPrice(markPrice, timestamp);

    /// <inheritdoc/>
    public bool TryGetBestBid(out BookLevel level) => _engine.TryGetBestBid(out level);

    /// <inheritdoc/>
    public bool TryGetBestAsk(out BookLevel level) => _engine.TryGetBestAsk(out level);

    /// <inheritdoc/>
    public int CopyLevels(OrderSide side, Span<BookLevel> destination) => _engine.CopyLevels(side, destination);
}
