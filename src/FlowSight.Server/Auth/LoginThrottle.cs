using System.Net;
using System.Threading.RateLimiting;

namespace FlowSight.Server.Auth;

/// <summary>
/// Failed logins per client address: a fixed window of <see cref="FailuresPerWindow"/> failures per minute, after which
/// the address gets 429 until the window ends. Only failures spend permits, so a user who logs in often is never
/// throttled, while guessing a password costs a minute per handful of tries (on top of PBKDF2's cost per try).
/// At most <see cref="ConcurrentChecks"/> password checks run at once, so a flood of logins can neither take the CPU
/// from the engine nor overrun the failure count with parallel guesses (the count is checked inside the gate).
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    /// <summary>Failed attempts an address may make per window.</summary>
    public const int FailuresPerWindow = 10;

    /// <summary>The window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Password checks (PBKDF2) that may run at once, across all clients.</summary>
    public const int ConcurrentChecks = 2;

    private readonly SemaphoreSlim _checks = new(ConcurrentChecks, ConcurrentChecks);

    private readonly PartitionedRateLimiter<IPAddress> _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(
        address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerWindow,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Waits for a free password-check slot; dispose the result to free it.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _checks.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_checks);
    }

    /// <summary>True when <paramref name="address"/> has failures left in this window.</summary>
    public bool MayTry(IPAddress address) => _failures.GetStatistics(address)?.CurrentAvailablePermits is not 0;

    /// <summary>Spends one of <paramref name="address"/>'s failures.</summary>
    public void Failed(IPAddress address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _failures.Dispose();
        _checks.Dispose();
    }

    private sealed class Slot(SemaphoreSlim checks) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                checks.Release();
            }
        }
    }
}
