namespace FlowSight.Simulator.Markets.Synthetic;

/// <summary>The hidden state of the synthetic market's Markov-switching volatility.</summary>
public enum VolatilityRegime : byte
{
    /// <summary>Small fair-value steps, base activity.</summary>
    Calm = 0,

    /// <summary>Larger fair-value steps and more of every kind of order.</summary>
    Volatile = 1,
}
