namespace FlowSight.Venues.Tests.Network.Support;

/// <summary>A "random" source that always returns the same fraction, so jittered delays are known in advance.</summary>
public sealed class FixedRandom(double value) : Random
{
    /// <inheritdoc />
    public override double NextDouble() => value;

    /// <inheritdoc />
    protected override double Sample() => value;
}
