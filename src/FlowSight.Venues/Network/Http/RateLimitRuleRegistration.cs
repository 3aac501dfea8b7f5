namespace FlowSight.Venues.Network.Http;

/// <summary>
/// Adds rules to a <see cref="HostRateLimiter"/> on first use, for venues whose limits are per endpoint and per
/// instrument (OKX "IP + Instrument ID", Gate.io "per endpoint"): one pool per key, created when first needed.
/// </summary>
public static class RateLimitRuleRegistration
{
    /// <summary>Adds <paramref name="rule"/> unless a rule for its pool and interval is already in force; keeps every other rule and its counts.</summary>
    public static void EnsureRule(this HostRateLimiter limiter, RateLimitRule rule)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(rule);

        // Every client of the host shares the limiter, so they serialise on it while they read and replace the rules.
        lock (limiter)
        {
            var rules = limiter.Rules;
            foreach (var existing in rules)
            {
                if (existing.Pool == rule.Pool && existing.Interval == rule.Interval)
                {
                    return;
                }
            }

            limiter.Configure([.. rules, rule]);
        }
    }
}
