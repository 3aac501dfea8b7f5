using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>
/// Tests that follow a market running at 30× wall-clock speed and compare against books the exchange recorded a
/// bounded number of ticks back: they run alone, because on a 2-core machine the rest of the suite can starve the
/// client long enough for the venue to run past the recorder's window.
/// </summary>
[CollectionDefinition(nameof(RealTimeStreamMeasurements), DisableParallelization = true)]
public sealed class RealTimeStreamMeasurements;
