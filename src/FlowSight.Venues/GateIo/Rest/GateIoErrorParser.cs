using System.Text.Json;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Reads Gate.io's error payload <c>{"label":"INVALID_CURRENCY_PAIR","message":"…"}</c>.</summary>
public static class GateIoErrorParser
{
    /// <summary>True when <paramref name="body"/> is a JSON object with a string <c>label</c> (the <c>message</c> may be missing).</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out VenueErrorBody error)
    {
        error = default;
        string? label = null, message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isLabel = reader.ValueTextEquals("label"u8);
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("detail"u8);
                reader.Read();
                if (isLabel && reader.TokenType == JsonTokenType.String)
                {
                    label = reader.GetString();
                }
                else if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    message ??= reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }

        if (string.IsNullOrEmpty(label))
        {
            return false;
        }

        error = new VenueErrorBody(label, message ?? string.Empty);
        return true;
    }
}
