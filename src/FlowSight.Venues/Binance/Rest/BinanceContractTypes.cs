namespace FlowSight.Venues.Binance.Rest;

/// <summary>Conversions of <see cref="BinanceContractType"/>.</summary>
public static class BinanceContractTypes
{
    /// <summary>Binance's text for <paramref name="text"/>; <see cref="BinanceContractType.None"/> when empty or unknown.</summary>
    public static BinanceContractType Parse(string? text) => text switch
    {
        "PERPETUAL" => BinanceContractType.Perpetual,
        "CURRENT_MONTH" => BinanceContractType.CurrentMonth,
        "NEXT_MONTH" => BinanceContractType.NextMonth,
        "CURRENT_QUARTER" => BinanceContractType.CurrentQuarter,
        "NEXT_QUARTER" => BinanceContractType.NextQuarter,
        "PERPETUAL_DELIVERING" => BinanceContractType.PerpetualDelivering,
        "CURRENT_QUARTER_DELIVERING" => BinanceContractType.CurrentQuarterDelivering,
        "NEXT_QUARTER_DELIVERING" => BinanceContractType.NextQuarterDelivering,
        "TRADIFI_PERPETUAL" => BinanceContractType.TradFiPerpetual,
        _ => BinanceContractType.None,
    };

    /// <summary>Binance's text, e.g. <c>CURRENT_QUARTER</c>; empty for <see cref="BinanceContractType.None"/>.</summary>
    public static string ToBinanceText(this BinanceContractType type) => type switch
    {
        BinanceContractType.Perpetual => "PERPETUAL",
        BinanceContractType.CurrentMonth => "CURRENT_MONTH",
        BinanceContractType.NextMonth => "NEXT_MONTH",
        BinanceContractType.CurrentQuarter => "CURRENT_QUARTER",
        BinanceContractType.NextQuarter => "NEXT_QUARTER",
        BinanceContractType.PerpetualDelivering => "PERPETUAL_DELIVERING",
        BinanceContractType.CurrentQuarterDelivering => "CURRENT_QUARTER_DELIVERING",
        BinanceContractType.NextQuarterDelivering => "NEXT_QUARTER_DELIVERING",
        BinanceContractType.TradFiPerpetual => "TRADIFI_PERPETUAL",
        _ => string.Empty,
    };

    /// <summary>True for the perpetual kinds (funding, no expiry).</summary>
    public static bool IsPerpetual(this BinanceContractType type) =>
        type is BinanceContractType.Perpetual or BinanceContractType.PerpetualDelivering or BinanceContractType.TradFiPerpetual;

    /// <summary>True for the dated kinds (monthly or quarterly expiry).</summary>
    public static bool IsDated(this BinanceContractType type) =>
        type is BinanceContractType.CurrentMonth or BinanceContractType.NextMonth or BinanceContractType.CurrentQuarter
            or BinanceContractType.NextQuarter or BinanceContractType.CurrentQuarterDelivering or BinanceContractType.NextQuarterDelivering;
}
