namespace FlowSight.Core;

/// <summary>
/// Time in FlowSight is a <see cref="long"/> of nanoseconds since the Unix epoch (UTC): venues' event times
/// (milliseconds or microseconds) are widened to it, and our receive times are taken from a <see cref="TimeProvider"/>
/// so a backtest can drive the same code with a simulated clock.
/// </summary>
public static class UnixNanos
{
    /// <summary>Nanoseconds in one millisecond.</summary>
    public const long PerMillisecond = 1_000_000;

    /// <summary>Nanoseconds in one microsecond.</summary>
    public const long PerMicrosecond = 1_000;

    /// <summary>Nanoseconds in one second.</summary>
    public const long PerSecond = 1_000_000_000;

    private const long TicksToNanos = 100;

    /// <summary>The provider's current UTC time in Unix nanoseconds (100 ns resolution on the system clock).</summary>
    public static long Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return FromDateTimeOffset(clock.GetUtcNow());
    }

    /// <summary>Converts a point in time to Unix nanoseconds.</summary>
    public static long FromDateTimeOffset(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * TicksToNanos;

    /// <summary>Converts Unix nanoseconds to a UTC point in time (truncated to 100 ns).</summary>
    public static DateTimeOffset ToDateTimeOffset(long nanos) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (nanos / TicksToNanos), TimeSpan.Zero);

    /// <summary>Widens venue milliseconds (Binance <c>E</c>, <c>T</c>) to nanoseconds, checking overflow.</summary>
    public static long FromMilliseconds(long milliseconds) => checked(milliseconds * PerMillisecond);

    /// <summary>Widens venue microseconds to nanoseconds, checking overflow.</summary>
    public static long FromMicroseconds(long microseconds) => checked(microseconds * PerMicrosecond);

    /// <summary>Narrows nanoseconds to whole milliseconds (floor), as venues' REST APIs expect.</summary>
    public static long ToMilliseconds(long nanos) => nanos >= 0 ? nanos / PerMillisecond : ((nanos + 1) / PerMillisecond) - 1;
}
