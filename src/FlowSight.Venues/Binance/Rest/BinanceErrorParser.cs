using System.Text.Json;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>Reads Binance's error payload <c>{"code":-1121,"msg":"Invalid symbol."}</c>.</summary>
public static class BinanceErrorParser
{
    /// <summary>True when <paramref name="body"/> is a JSON object with a numeric <c>code</c> and a string <c>msg</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out VenueErrorBody error)
    {
        error = default;
        string? code = null, message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                var isMessage = reader.ValueTextEquals("msg"u8);
                reader.Read();
                if (isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                {
                    code = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    message = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (code is null || message is null)
        {
            return false;
        }

        error = new VenueErrorBody(code, message);
        return true;
    }
}
