using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Server.State;

/// <summary>Enum names as the wire shows them (camelCase, like the server's JSON enum converter) and time in Unix milliseconds.</summary>
internal static class ViewText
{
    /// <summary>The camelCase name of <paramref name="value"/>, cached per value.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Names<T>.Of(value);

    /// <summary><c>buy</c> or <c>sell</c>.</summary>
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : side == OrderSide.Sell ? "sell" : "unknown";

    /// <summary>The aggressor as <c>buy</c> or <c>sell</c> (<c>unknown</c> when the venue does not say).</summary>
    public static string Side(AggressorSide side) => side switch
    {
        AggressorSide.Buyer => "buy",
        AggressorSide.Seller => "sell",
        _ => "unknown",
    };

    /// <summary>Unix nanoseconds to Unix milliseconds.</summary>
    public static long Millis(long nanos) => nanos / 1_000_000;

    private static class Names<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Known = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

        public static string Of(T value) => Known.TryGetValue(value, out var name) ? name : JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }
}
