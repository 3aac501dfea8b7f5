using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>
/// A request's parameters: the query string of a GET, or one object of a POST's JSON body. OKX sends every value
/// as a string; numbers and booleans are taken too (ccxt sends <c>lever</c> as a number).
/// </summary>
internal sealed class OkxParameters
{
    private readonly IQueryCollection? _query;
    private readonly JsonElement _body;

    private OkxParameters(IQueryCollection? query, JsonElement body)
    {
        _query = query;
        _body = body;
    }

    /// <summary>The query string's parameters.</summary>
    public static OkxParameters FromQuery(IQueryCollection query) => new(query, default);

    /// <summary>One JSON object's parameters.</summary>
    /// <exception cref="OkxApiException">Not an object (50002).</exception>
    public static OkxParameters FromObject(JsonElement body) => body.ValueKind == JsonValueKind.Object
        ? new(null, body)
        : throw new OkxApiException("50002", "Json data format error", 400);

    /// <summary>The value of <paramref name="name"/>, null when absent or empty.</summary>
    public string? Get(string name)
    {
        if (_query is not null)
        {
            var value = _query[name].ToString();
            return value.Length == 0 ? null : value;
        }

        if (!_body.TryGetProperty(name, out var element))
        {
            return null;
        }

        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => throw OkxApiException.Invalid(name),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The value of <paramref name="name"/>; 50014 when absent.</summary>
    public string Required(string name) => Get(name) ?? throw OkxApiException.Missing(name);

    /// <summary>An integer parameter; <paramref name="fallback"/> when absent, 51000 when malformed.</summary>
    public long Long(string name, long fallback) => Get(name) is { } text
        ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw OkxApiException.Invalid(name)
        : fallback;

    /// <summary>An optional integer parameter (51000 when malformed).</summary>
    public long? OptionalLong(string name) => Get(name) is null ? null : Long(name, 0);

    /// <summary>A decimal parameter (51000 when malformed), null when absent.</summary>
    public decimal? Decimal(string name) => Get(name) is { } text
        ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : throw OkxApiException.Invalid(name)
        : null;

    /// <summary>A boolean parameter ("true"/"false"), <paramref name="fallback"/> when absent.</summary>
    public bool Bool(string name, bool fallback) => Get(name) switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        _ => throw OkxApiException.Invalid(name),
    };

    /// <summary>The limit parameter clamped to [1, <paramref name="max"/>] (51000 when below 1 or malformed).</summary>
    public int Limit(int fallback, int max)
    {
        var limit = Long("limit", fallback);
        return limit < 1 ? throw OkxApiException.Invalid("limit") : (int)Math.Min(limit, max);
    }
}
