namespace FlowSight.Core.Tests.Numerics;

/// <summary>An independent description of decimal text, used as the reference for what the parser must do with it.</summary>
internal static class NumberText
{
    /// <summary><c>^-?[0-9]+(\.[0-9]+)?$</c> without a regex, for speed over the whole corpus.</summary>
    public static bool IsPlain(ReadOnlySpan<byte> text)
    {
        if (!text.IsEmpty && text[0] == '-')
        {
            text = text[1..];
        }

        var point = text.IndexOf((byte)'.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        return !integer.IsEmpty && AllDigits(integer) && (point < 0 || (!fraction.IsEmpty && AllDigits(fraction)));
    }

    public static int Decimals(ReadOnlySpan<byte> text)
    {
        var point = text.IndexOf((byte)'.');
        return point < 0 ? 0 : text.Length - point - 1;
    }

    /// <summary>Digits from the first non-zero one to the end.</summary>
    public static int SignificantDigits(ReadOnlySpan<byte> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is >= (byte)'0' and <= (byte)'9' && (count > 0 || c != '0'))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when formatting the parsed value can give these exact bytes: no redundant leading zero, no "-0".</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> text)
    {
        var negative = text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.Length > 1 && digits[0] == '0' && digits[1] != '.')
        {
            return false;
        }

        return !negative || SignificantDigits(text) > 0;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text)
    {
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}
