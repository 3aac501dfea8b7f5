using System.Globalization;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Server.Api;

/// <summary>
/// Turns the JSON of <c>POST /api/orders</c> into a <see cref="SubmitOrder"/> at the instrument's fixed-point precision,
/// or into a message naming the field that is wrong. Nothing here throws on bad input.
/// </summary>
internal static class TradingOrderParser
{
    private static readonly string[] Fields = ["instrument", "side", "type", "quantity", "price", "postOnly", "reduceOnly", "timeInForce", "clientOrderId"];

    /// <summary>Parses <paramref name="body"/>; on failure <paramref name="error"/> says which field and why.</summary>
    public static bool TryParse(JsonElement body, IReadOnlyList<Instrument> instruments, string origin, out SubmitOrder order, out string error)
    {
        order = default;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "the body must be a JSON object like {\"instrument\":\"BTCUSDT-PERP.BINANCE\",\"side\":\"buy\",\"type\":\"limit\",\"quantity\":\"0.001\",\"price\":\"60000\"}";
            return false;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                error = $"unknown field '{property.Name}'; the fields are {string.Join(", ", Fields)}";
                return false;
            }
        }

        if (!TryGetString(body, "instrument", required: true, out var instrumentText, out error))
        {
            return false;
        }

        var instrument = instruments.FirstOrDefault(i => string.Equals(i.Id.Value, instrumentText, StringComparison.OrdinalIgnoreCase));
        if (instrument is null)
        {
            error = $"instrument: unknown instrument '{instrumentText}'; this server trades {string.Join(", ", instruments.Select(i => i.Id.Value))}";
            return false;
        }

        if (!TryGetString(body, "side", required: true, out var sideText, out error))
        {
            return false;
        }

        OrderSide side;
        switch (sideText!.ToUpperInvariant())
        {
            case "BUY": side = OrderSide.Buy; break;
            case "SELL": side = OrderSide.Sell; break;
            default:
                error = $"side: '{sideText}' is not buy or sell";
                return false;
        }

        if (!TryGetString(body, "type", required: true, out var typeText, out error))
        {
            return false;
        }

        OrderType type;
        switch (typeText!.ToUpperInvariant())
        {
            case "LIMIT": type = OrderType.Limit; break;
            case "MARKET": type = OrderType.Market; break;
            default:
                error = $"type: '{typeText}' is not limit or market";
                return false;
        }

        if (!TryGetNumberText(body, "quantity", required: true, out var quantityText, out error))
        {
            return false;
        }

        if (!Quantity.TryParse(quantityText, instrument.SizePrecision, out var quantity, out var quantityError))
        {
            error = $"quantity: {Describe(quantityText!, quantityError, instrument.SizePrecision, "step size", instrument.StepSize.ToString())}";
            return false;
        }

        if (quantity.Raw <= 0)
        {
            error = $"quantity: must be positive, not {quantityText}";
            return false;
        }

        if (!TryGetNumberText(body, "price", required: false, out var priceText, out error))
        {
            return false;
        }

        Price? price = null;
        if (priceText is not null)
        {
            if (type == OrderType.Market)
            {
                error = "price: a market order takes no price; leave it out or send type limit";
                return false;
            }

            if (!Price.TryParse(priceText, instrument.PricePrecision, out var parsed, out var priceError))
            {
                error = $"price: {Describe(priceText, priceError, instrument.PricePrecision, "tick size", instrument.TickSize.ToString())}";
                return false;
            }

            if (parsed.Raw <= 0)
            {
                error = $"price: must be positive, not {priceText}";
                return false;
            }

            price = parsed;
        }
        else if (type == OrderType.Limit)
        {
            error = "price: a limit order needs a price";
            return false;
        }

        if (!TryGetBool(body, "postOnly", out var postOnly, out error) || !TryGetBool(body, "reduceOnly", out var reduceOnly, out error))
        {
            return false;
        }

        if (!TryGetString(body, "timeInForce", required: false, out var tifText, out error))
        {
            return false;
        }

        var timeInForce = TimeInForce.Gtc;
        if (tifText is not null)
        {
            switch (tifText.ToUpperInvariant())
            {
                case "GTC": timeInForce = TimeInForce.Gtc; break;
                case "IOC": timeInForce = TimeInForce.Ioc; break;
                case "FOK": timeInForce = TimeInForce.Fok; break;
                case "GTX": timeInForce = TimeInForce.Gtx; break;
                default:
                    error = $"timeInForce: '{tifText}' is not gtc, ioc, fok or gtx";
                    return false;
            }
        }

        if (postOnly)
        {
            if (type != OrderType.Limit)
            {
                error = "postOnly: only a limit order can be post-only";
                return false;
            }

            if (tifText is not null && timeInForce != TimeInForce.Gtx)
            {
                error = $"postOnly: a post-only order's time in force is gtx, not {tifText}";
                return false;
            }

            timeInForce = TimeInForce.Gtx;
        }

        if (!TryGetString(body, "clientOrderId", required: false, out var idText, out error))
        {
            return false;
        }

        var clientOrderId = default(ClientOrderId);
        if (idText is not null && !ClientOrderId.TryParse(idText, out clientOrderId))
        {
            error = $"clientOrderId: '{idText}' is not 1-{ClientOrderId.MaxLength} characters from A-Z a-z 0-9 . : / _ -";
            return false;
        }

        order = new SubmitOrder
        {
            ClientOrderId = clientOrderId,
            Instrument = instrument.Id,
            Side = side,
            Type = type,
            Quantity = quantity,
            Price = price,
            TimeInForce = timeInForce,
            ReduceOnly = reduceOnly,
            Origin = origin,
        };
        error = string.Empty;
        return true;
    }

    private static bool TryFind(JsonElement body, string name, out JsonElement value)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool TryGetString(JsonElement body, string name, bool required, out string? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (!TryFind(body, name, out var element))
        {
            if (required)
            {
                error = $"{name}: required";
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            error = $"{name}: must be a non-empty string";
            return false;
        }

        value = element.GetString()!.Trim();
        return true;
    }

    /// <summary>A decimal as text: JSON strings as sent (exact), JSON numbers through decimal (no binary rounding).</summary>
    private static bool TryGetNumberText(JsonElement body, string name, bool required, out string? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (!TryFind(body, name, out var element))
        {
            if (required)
            {
                error = $"{name}: required";
                return false;
            }

            return true;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                value = element.GetString()!.Trim();
                return true;
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                value = number.ToString(CultureInfo.InvariantCulture);
                return true;
            default:
                error = $"{name}: must be a decimal number or a string holding one, e.g. \"0.001\"";
                return false;
        }
    }

    private static bool TryGetBool(JsonElement body, string name, out bool value, out string error)
    {
        value = false;
        error = string.Empty;
        if (!TryFind(body, name, out var element))
        {
            return true;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }

        error = $"{name}: must be true or false";
        return false;
    }

    private static string Describe(string text, FixedPointError error, byte precision, string increment, string incrementValue) => error switch
    {
        FixedPointError.PrecisionExceeded or FixedPointError.TooManyDecimals =>
            $"{text} has more decimals than the instrument's {increment} ({incrementValue}) allows: at most {precision}",
        FixedPointError.Negative => $"must be positive, not {text}",
        FixedPointError.Overflow or FixedPointError.TooManyDigits => $"{text} is too large",
        FixedPointError.Empty => "must not be empty",
        _ => $"'{text}' is not a decimal number",
    };
}
