using FlowSight.Core;
using FlowSight.Engine.Hosting;

namespace FlowSight.Cli.Commands;

/// <summary>Discards normalised events, for commands that only need the raw frames (recording).</summary>
internal sealed class NullPublisher : IMarketDataPublisher
{
    public static NullPublisher Instance { get; } = new();

    public void Publish(in TradeTick trade)
    {
    }

    public void Publish(in QuoteTick quote)
    {
    }

    public void Publish(BookDeltas deltas)
    {
    }

    public void Publish(in Candle candle)
    {
    }

    public void Publish(in MarkPrice markPrice)
    {
    }

    public void Publish(in FundingRate fundingRate)
    {
    }

    public void Publish(in OpenInterest openInterest)
    {
    }

    public void Publish(in Liquidation liquidation)
    {
    }

    public void PublishObject<T>(T evt)
        where T : class
    {
    }
}
