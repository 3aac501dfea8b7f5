namespace FlowSight.Storage.Recording;

/// <summary>Recorded timestamps come in seconds, milliseconds, microseconds or nanoseconds; this tells them apart by magnitude.</summary>
public static class RecordingTimestamps
{
    // Any time after 1973 is ≥ 1e17 in ns, and any time before the year 5138 is < 1e17 in µs (likewise below).
    private const long NanosecondFloor = 100_000_000_000_000_000;
    private const long MicrosecondFloor = 100_000_000_000_000;
    private const long MillisecondFloor = 100_000_000_000;

    /// <summary>
    /// The Unix-nanosecond value of an integer timestamp whose unit is inferred from its magnitude: hftbacktest's
    /// 2024 files record ns (1723161255030314667), its 2023 <c>.dat.gz</c> files µs (1680652700423575).
    /// </summary>
    public static long ToNanoseconds(long value) => value switch
    {
        >= NanosecondFloor => value,
        >= MicrosecondFloor => value * 1_000,
        >= MillisecondFloor => value * 1_000_000,
        _ => value * 1_000_000_000,
    };

    /// <summary>Parses ASCII digits with an optional fraction ("1626992741.06217", seconds as cryptofeed writes them, or an integer of any unit) to Unix nanoseconds.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long nanoseconds)
    {
        nanoseconds = 0;
        int dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        if (!TryParseDigits(whole, out long integer))
        {
            return false;
        }

        if (dot < 0)
        {
            nanoseconds = ToNanoseconds(integer);
            return true;
        }

        // A fraction means the whole part is in seconds: keep up to nine fraction digits.
        var fraction = text[(dot + 1)..];
        long fractionNanos = 0;
        for (int i = 0; i < 9; i++)
        {
            int digit = i < fraction.Length ? fraction[i] - '0' : 0;
            if ((uint)digit > 9)
            {
                return false;
            }

            fractionNanos = (fractionNanos * 10) + digit;
        }

        for (int i = 9; i < fraction.Length; i++)
        {
            if ((uint)(fraction[i] - '0') > 9)
            {
                return false;
            }
        }

        if (integer > long.MaxValue / 1_000_000_000)
        {
            return false;
        }

        nanoseconds = (integer * 1_000_000_000) + fractionNanos;
        return true;
    }

    internal static bool TryParseDigits(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
