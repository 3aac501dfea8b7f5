using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Network.Http;

/// <summary>
/// Reading venue REST bodies with <see cref="JsonDocument"/> (not a hot path), shared by the OKX and Gate.io REST
/// clients: numbers sent as strings become <see cref="Price"/>/<see cref="Quantity"/>/<see cref="Money"/> with the
/// text's own decimals, and anything unexpected becomes a <see cref="VenueResponseFormatException"/>.
/// </summary>
internal static class RestJson
{
    /// <summary>Parses <paramref name="response"/>'s body and runs <paramref name="read"/> on it.</summary>
    /// <exception cref="VenueResponseFormatException">The body is not JSON or not the shape <paramref name="read"/> expects.</exception>
    public static T Read<T>(RestResponse response, string host, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            throw FormatError(response, host, ex.Message, ex);
        }
    }

    /// <summary>A <see cref="VenueResponseFormatException"/> for <paramref name="response"/> with <paramref name="reason"/>.</summary>
    public static VenueResponseFormatException FormatError(RestResponse response, string host, string reason, Exception? inner = null)
    {
        var excerpt = VenueResponseFormatException.Excerpt(response.Body.Span);
        return new VenueResponseFormatException($"{host} {response.Request.DisplayName}: the response cannot be read: {reason} Body: {excerpt}", inner)
        {
            Host = host,
            Endpoint = response.Request.DisplayName,
            StatusCode = response.StatusCode,
            BodyExcerpt = excerpt,
        };
    }

    /// <summary>The property <paramref name="name"/> of <paramref name="obj"/>.</summary>
    /// <exception cref="FormatException">It is missing.</exception>
    public static JsonElement Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : throw new FormatException($"The field '{name}' is missing.");

    /// <summary>The property as text (a string, or a number's digits).</summary>
    public static string Text(JsonElement obj, string name)
    {
        var value = Get(obj, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>The property's text, or null when it is absent, null or an empty string.</summary>
    public static string? OptionalText(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A price written as a decimal string (or number), keeping its decimals (or its significant ones when they do not fit).</summary>
    public static Price Price(JsonElement value)
    {
        var digits = Digits(value);
        return Core.Price.TryParse(digits, out var price, out var error) ? price
            : error is FixedPointError.TooManyDigits or FixedPointError.Overflow ? Core.Price.Parse(digits, SignificantDecimals(digits))
            : Core.Price.Parse(digits);
    }

    /// <summary>A quantity written as a decimal string (or number), keeping its decimals (or its significant ones when they do not fit).</summary>
    public static Quantity Quantity(JsonElement value)
    {
        var digits = Digits(value);
        return Core.Quantity.TryParse(digits, out var quantity, out var error) ? quantity
            : error is FixedPointError.TooManyDigits or FixedPointError.Overflow ? Core.Quantity.Parse(digits, SignificantDecimals(digits))
            : Core.Quantity.Parse(digits);
    }

    /// <summary>
    /// A quantity that may carry more decimals than FlowSight's 9 (Gate.io spot amounts such as
    /// <c>"152.9783789102"</c>): padding zeros are dropped, and a genuine extra decimal is cut off (a change of at most
    /// 1e-9 of a unit), with <paramref name="truncated"/> set, the same rule the Gate.io stream parser applies, so a
    /// REST snapshot and the stream agree on every level.
    /// </summary>
    public static Quantity QuantityFitted(JsonElement value, out bool truncated)
    {
        var digits = Digits(value);
        truncated = false;
        var dot = digits.IndexOf((byte)'.');
        if (dot >= 0 && digits.Length - dot - 1 > Core.Quantity.MaxPrecision)
        {
            var end = digits.Length;
            while (end > dot + 1 + Core.Quantity.MaxPrecision && digits[end - 1] == (byte)'0')
            {
                end--;
            }

            if (end > dot + 1 + Core.Quantity.MaxPrecision)
            {
                end = dot + 1 + Core.Quantity.MaxPrecision;
                truncated = true;
            }

            digits = digits[..end];
        }

        return Core.Quantity.Parse(digits);
    }

    /// <summary>An amount written as a decimal string; values too large for its decimals keep as many as fit (rounded half to even).</summary>
    public static Money Money(JsonElement value)
    {
        var digits = Digits(value);
        if (Core.Money.TryParse(digits, out var money, out var error))
        {
            return money;
        }

        if (error is not (FixedPointError.Overflow or FixedPointError.TooManyDigits))
        {
            return Core.Money.Parse(digits);
        }

        var exact = decimal.Parse(System.Text.Encoding.UTF8.GetString(digits), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        for (var decimals = Math.Min((int)exact.Scale, (int)Core.Money.MaxPrecision); decimals >= 0; decimals--)
        {
            var rounded = Math.Round(exact, decimals, MidpointRounding.ToEven);
            if (Math.Abs(rounded) * Pow10(decimals) < long.MaxValue)
            {
                return Core.Money.FromDecimal(rounded, (byte)decimals);
            }
        }

        throw new OverflowException($"The amount {exact} does not fit a 64-bit fixed-point value.");
    }

    /// <summary>A rate, ratio or multiplier as a decimal (a number, or a string holding one).</summary>
    public static decimal Decimal(JsonElement value) =>
        decimal.Parse(System.Text.Encoding.UTF8.GetString(Digits(value)), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>An integer (a number, or digits in a string).</summary>
    public static long Int64(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetInt64()
        : long.Parse(Digits(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>A time in Unix milliseconds (a number, or digits in a string) as Unix nanoseconds.</summary>
    public static long MillisAsNanos(JsonElement value) => UnixNanos.FromMilliseconds(Int64(value));

    /// <summary>A time in Unix seconds, possibly with a fraction (Gate.io <c>1684930166.384</c>), as Unix nanoseconds.</summary>
    public static long SecondsAsNanos(JsonElement value)
    {
        var seconds = Decimal(value);
        return checked((long)decimal.Round(seconds * UnixNanos.PerSecond, 0, MidpointRounding.ToEven));
    }

    /// <summary>The UTF-8 digits of a number or of a string holding one, without quotes.</summary>
    private static ReadOnlySpan<byte> Digits(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var digits = value.ValueKind switch
        {
            JsonValueKind.String => raw[1..^1],
            JsonValueKind.Number => raw,
            _ => throw new FormatException($"Expected a number or a string holding one, found {value.ValueKind}."),
        };
        return digits.IsEmpty ? throw new FormatException("Expected a number, found an empty string.") : digits;
    }

    private static byte SignificantDecimals(ReadOnlySpan<byte> digits)
    {
        var dot = digits.IndexOf((byte)'.');
        return dot < 0 ? (byte)0 : (byte)digits[(dot + 1)..].TrimEnd((byte)'0').Length;
    }

    private static decimal Pow10(int decimals)
    {
        var result = 1m;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
