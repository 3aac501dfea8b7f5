using System.Globalization;
using System.Text.Json;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

internal static class BinanceRestAssert
{
    /// <summary>Asserts a 200 and returns the JSON.</summary>
    public static JsonElement Ok((int Status, JsonElement Json, HttpResponseMessage Response) reply)
    {
        Assert.True(reply.Status == 200, $"expected 200, got {reply.Status}: {reply.Json}");
        return reply.Json;
    }

    /// <summary>Asserts Binance's error: the HTTP status, <c>code</c> and (if given) <c>msg</c>.</summary>
    public static void Error((int Status, JsonElement Json, HttpResponseMessage Response) reply, int status, int code, string? message = null)
    {
        Assert.True(reply.Status == status, $"expected HTTP {status}, got {reply.Status}: {reply.Json}");
        Assert.True(reply.Json.ValueKind == JsonValueKind.Object && reply.Json.TryGetProperty("code", out var c) && c.GetInt32() == code,
            $"expected code {code}: {reply.Json}");
        Assert.Equal(JsonValueKind.String, reply.Json.GetProperty("msg").ValueKind);
        if (message is not null)
        {
            Assert.Equal(message, reply.Json.GetProperty("msg").GetString());
        }
    }

    public static decimal Dec(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static decimal Dec(JsonElement element) =>
        decimal.Parse(element.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}
