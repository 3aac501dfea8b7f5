using System.Text.Json;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>Reads OKX's envelope error <c>{"code":"51001","msg":"Instrument ID does not exist","data":[]}</c>.</summary>
public static class OkxErrorParser
{
    /// <summary>True when <paramref name="body"/> is an OKX envelope whose <c>code</c> is not <c>"0"</c>.</summary>
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
                if (isCode && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                {
                    code = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
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
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }

        if (string.IsNullOrEmpty(code) || code == OkxErrorCodes.Ok)
        {
            return false;
        }

        error = new VenueErrorBody(code, message ?? string.Empty);
        return true;
    }
}
