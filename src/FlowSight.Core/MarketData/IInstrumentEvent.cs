namespace FlowSight.Core;

/// <summary>An event about one instrument; the engine's bus routes such events by <see cref="Instrument"/>.</summary>
public interface IInstrumentEvent
{
    /// <summary>The instrument the event is about.</summary>
    InstrumentId Instrument { get; }
}
