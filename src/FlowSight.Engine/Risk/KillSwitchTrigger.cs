namespace FlowSight.Engine.Risk;

/// <summary>What tripped the kill switch.</summary>
public enum KillSwitchTrigger : byte
{
    /// <summary>A person or a strategy called <see cref="RiskEngine.Trip"/>.</summary>
    Manual = 1,

    /// <summary>The day's PnL reached the daily loss limit.</summary>
    DailyLoss = 2,

    /// <summary>Too many venue rejections within the configured window.</summary>
    RepeatedRejects = 3,

    /// <summary>A venue's execution connection stayed down for the configured limit.</summary>
    Disconnect = 4,
}
