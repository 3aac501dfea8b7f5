namespace FlowSight.Engine.Risk;

/// <summary>
/// The risk engine's answer to one command. An approval carries no strings, so the passing path allocates nothing.
/// </summary>
public readonly record struct RiskDecision
{
    private RiskDecision(bool approved, string? check, string? reason)
    {
        Approved = approved;
        Check = check;
        Reason = reason;
    }

    /// <summary>The command may go to the venue.</summary>
    public static RiskDecision Approve { get; } = new(true, null, null);

    /// <summary>True when every check passed.</summary>
    public bool Approved { get; }

    /// <summary>The refusing check's short id (see <see cref="RiskChecks"/>); null when approved.</summary>
    public string? Check { get; }

    /// <summary>Why, for a person: the limit and the value that broke it; null when approved.</summary>
    public string? Reason { get; }

    /// <summary>A refusal by <paramref name="check"/>.</summary>
    public static RiskDecision Deny(string check, string reason) => new(false, check, reason);

    /// <summary>"approved", or "denied by check: reason".</summary>
    public override string ToString() => Approved ? "approved" : $"denied by {Check}: {Reason}";
}
