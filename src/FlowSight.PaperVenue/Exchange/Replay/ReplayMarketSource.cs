using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Markets.Replay;
using FlowSight.Simulator.Matching;

namespace FlowSight.PaperVenue.Exchange.Replay;

/// <summary>
/// One instrument of a replayed recording: a <see cref="ReplayMarket"/> (our orders fill against the recorded book
/// with a queue model) fed by the shared <see cref="BinanceRecordingReplay"/>; the recording's mark prices, when it
/// has them, are the venue's.
/// </summary>
public sealed class ReplayMarketSource(BinanceRecordingReplay recording, ReplayMarketOptions? options = null) : PaperMarketSource
{
    private ReplayMarket? _market;
    private MarkPrice? _mark;

    /// <summary>The replayed market, once created.</summary>
    public ReplayMarket? Market => _market;

    /// <inheritdoc/>
    public override long? ClockStart => recording.StartTime;

    /// <inheritdoc/>
    public override bool IsOpen =>
        recording.Ended || (_market is { } market && market.TryGetBestBid(out _) && market.TryGetBestAsk(out _));

    /// <inheritdoc/>
    public override ISimulatedMarket Create(Instrument instrument, IMarketListener listener, IOrderAdmission admission, IdSequence orderIds)
    {
        var withIds = new ReplayMarketOptions
        {
            Latency = options?.Latency ?? ConstantLatency.Zero,
            Cancellations = options?.Cancellations ?? QueueCancellationModel.Proportional,
            BookCapacity = options?.BookCapacity ?? 2048,
            ForwardMarketData = true,
            OrderIds = orderIds,
        };
        _market = new ReplayMarket(instrument, listener, withIds, admission);
        recording.Attach(instrument, _market, mark => _mark = mark);
        return _market;
    }

    /// <inheritdoc/>
    public override void AdvanceTo(long now)
    {
        recording.AdvanceTo(now);
        _market?.AdvanceTo(Math.Max(now, _market.ExchangeTime));
    }

    /// <inheritdoc/>
    public override MarkPrice? TakeMarkPrice()
    {
        var mark = _mark;
        _mark = null;
        return mark;
    }
}
