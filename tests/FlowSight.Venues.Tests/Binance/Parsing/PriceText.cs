namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>A candidate price text for a frame, mostly digits, dots and signs.</summary>
public readonly record struct PriceText(string Value)
{
    public override string ToString() => $"\"{Value}\"";
}
