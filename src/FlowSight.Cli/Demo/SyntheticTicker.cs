using FlowSight.Core;
using FlowSight.Engine.Hosting;

namespace FlowSight.Cli.Demo;

/// <summary>
/// A seeded random-walk market for one instrument: quotes around a drifting mid and trades at the touch, published
/// into the engine from a producer thread. It stands in for a venue until the paper venue exists.
/// </summary>
internal sealed class SyntheticTicker(EngineLoop engine, InstrumentId instrument, int seed)
{
    private const byte PricePrecision = 1;
    private const byte SizePrecision = 3;

    /// <summary>Publishes as fast as the engine accepts until <paramref name="stop"/> is cancelled; returns the events published.</summary>
    public long Run(CancellationToken stop)
    {
        var random = new Random(seed);
        long mid = 618_000; // 61,800.0 at one decimal
        long published = 0;
        long tradeId = 0;
        while (!stop.IsCancellationRequested)
        {
            for (var i = 0; i < 1_024; i++)
            {
                mid += random.Next(-2, 3);
                var now = engine.Now;
                var spread = 1 + random.Next(0, 3);
                var quote = new QuoteTick(
                    instrument,
                    Price.FromRaw(mid - spread, PricePrecision),
                    Quantity.FromRaw(random.Next(1, 5_000), SizePrecision),
                    Price.FromRaw(mid + spread, PricePrecision),
                    Quantity.FromRaw(random.Next(1, 5_000), SizePrecision),
                    published,
                    now,
                    now);
                engine.Publish(in quote);
                published++;
                if ((i & 3) == 0)
                {
                    var buy = random.Next(2) == 0;
                    var trade = new TradeTick(
                        instrument,
                        buy ? quote.AskPrice : quote.BidPrice,
                        Quantity.FromRaw(random.Next(1, 2_000), SizePrecision),
                        buy ? AggressorSide.Buyer : AggressorSide.Seller,
                        ++tradeId,
                        now,
                        now);
                    engine.Publish(in trade);
                    published++;
                }
            }
        }

        return published;
    }
}
