using FlowSight.Core;

namespace FlowSight.Simulator.Tests.Markets.Replay;

/// <summary>One recorded trade, or one applied book message (copied out of the parser's reused batch).</summary>
internal sealed class RecordedEvent
{
    private BookDelta[] _deltas = [];

    public bool IsTrade { get; private init; }

    public TradeTick Trade { get; private init; }

    public bool IsSnapshot { get; private init; }

    public long EventTime { get; private init; }

    public long LastUpdateId { get; private init; }

    public ReadOnlySpan<BookDelta> Deltas => _deltas;

    public static RecordedEvent Of(in TradeTick trade) => new() { IsTrade = true, Trade = trade, EventTime = trade.EventTime };

    public static RecordedEvent Of(BookDeltas batch) => new()
    {
        _deltas = batch.Deltas.ToArray(),
        IsSnapshot = batch.IsSnapshot,
        EventTime = batch.EventTime,
        LastUpdateId = batch.LastUpdateId,
    };

    public void CopyTo(BookDeltas batch)
    {
        batch.Clear();
        batch.Instrument = _deltas.Length > 0 ? _deltas[0].Instrument : default;
        batch.IsSnapshot = IsSnapshot;
        batch.EventTime = EventTime;
        batch.LastUpdateId = LastUpdateId;
        foreach (var delta in _deltas)
        {
            batch.Add(delta);
        }
    }
}
