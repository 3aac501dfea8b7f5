using System.Globalization;
using FlowSight.Core;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// A request's parameters as Binance reads them: the query string and the url-encoded body together, each name
/// once, and <see cref="SignedPayload"/> (query then body, exactly as sent, minus <c>signature</c>) for the HMAC.
/// Typed getters throw <see cref="BinanceApiException"/> with Binance's codes (-1102 missing, -1100 malformed).
/// </summary>
public sealed class BinanceParameters
{
    private const int MaxBodyBytes = 64 * 1024;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private BinanceParameters(string query, string body)
    {
        var signed = new System.Text.StringBuilder(query.Length + body.Length);
        Add(query, signed);
        Add(body, signed);
        SignedPayload = signed.ToString();
    }

    /// <summary><c>totalParams</c> without the signature: what the client signed.</summary>
    public string SignedPayload { get; }

    /// <summary>The <c>signature</c> parameter, if sent.</summary>
    public string? Signature { get; private set; }

    /// <summary>Reads the query string and (for a form or text body) the body.</summary>
    /// <exception cref="BinanceApiException">A body too large, or a parameter sent twice (-1101).</exception>
    public static async Task<BinanceParameters> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        var body = string.Empty;
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw new BinanceApiException(-1000, "Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            // Sized to the declared length (one byte more to see an overlong chunked body): no large buffer per request.
            var capacity = (int)Math.Min(request.ContentLength ?? MaxBodyBytes, MaxBodyBytes) + 1;
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(capacity);
            try
            {
                var read = 0;
                int n;
                while (read < capacity && (n = await request.Body.ReadAsync(buffer.AsMemory(read, capacity - read), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    read += n;
                }

                if (read > MaxBodyBytes)
                {
                    throw new BinanceApiException(-1000, "Request body too large.", StatusCodes.Status413PayloadTooLarge);
                }

                body = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }

            if (body.Length > 0 && body.TrimStart().StartsWith('{'))
            {
                throw new BinanceApiException(-1000, "Content-Type application/json is not supported; send parameters url-encoded in the query string or the body.");
            }
        }

        return new BinanceParameters(query, body);
    }

    /// <summary>For tests: parameters from a query and a body.</summary>
    public static BinanceParameters Parse(string query, string body) => new(query ?? string.Empty, body ?? string.Empty);

    /// <summary>The value of <paramref name="name"/>, null when absent or empty.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>True when <paramref name="name"/> was sent (even empty).</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of <paramref name="name"/>; -1102 when absent.</summary>
    public string Required(string name) => Get(name) ?? throw BinanceApiException.Mandatory(name);

    /// <summary>An integer parameter (-1100 when malformed).</summary>
    public long? Long(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw BinanceApiException.IllegalCharacters(name);
    }

    /// <summary>An integer parameter in [<paramref name="min"/>, <paramref name="max"/>] (-1100 malformed, -1130 out of range).</summary>
    public int? Int(string name, int min, int max)
    {
        if (Long(name) is not { } value)
        {
            return null;
        }

        return value < min || value > max
            ? throw new BinanceApiException(-1130, $"Data sent for parameter '{name}' is not valid.")
            : (int)value;
    }

    /// <summary>A decimal parameter (-1100 when malformed).</summary>
    public decimal? Decimal(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (text.Length > 42 || text.StartsWith('+') || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw BinanceApiException.IllegalDecimal(name);
        }

        return value;
    }

    /// <summary>A price parameter at the natural precision of the text (-1100 when malformed).</summary>
    public Price? Price(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return Core.Price.TryParse(text.AsSpan(), out var value, out _) ? value : throw BinanceApiException.IllegalDecimal(name);
    }

    /// <summary>A quantity parameter at the natural precision of the text (-1100 when malformed).</summary>
    public Quantity? Quantity(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return Core.Quantity.TryParse(text.AsSpan(), out var value, out _) ? value : throw BinanceApiException.IllegalDecimal(name);
    }

    /// <summary>A boolean parameter, <c>true</c>/<c>false</c> in any case (-1100 otherwise).</summary>
    public bool? Bool(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new BinanceApiException(-1100, $"Illegal characters found in parameter '{name}'; legal range is 'true, false'.");
    }

    private void Add(string raw, System.Text.StringBuilder signed)
    {
        if (raw.Length == 0)
        {
            return;
        }

        var start = signed.Length;
        foreach (var pair in raw.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            if (name == "signature")
            {
                if (Signature is not null)
                {
                    throw new BinanceApiException(-1101, "Duplicate values for a parameter detected.");
                }

                Signature = value;
                continue;
            }

            if (!_values.TryAdd(name, value))
            {
                throw new BinanceApiException(-1101, "Duplicate values for a parameter detected.");
            }

            if (signed.Length > start)
            {
                signed.Append('&');
            }

            signed.Append(pair);
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
