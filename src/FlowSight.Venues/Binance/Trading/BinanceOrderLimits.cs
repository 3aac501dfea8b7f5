using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// Binance's per-account order-count limits as <see cref="RateLimitRule"/>s: USDⓈ-M 300 orders per 10 s and 1200 per
/// minute (<c>X-MBX-ORDER-COUNT-10S</c>, <c>-1M</c>); spot 100 per 10 s and 200,000 per day (<c>-10S</c>, <c>-1D</c>).
/// The pool is named per account so two accounts on one IP do not share it.
/// </summary>
public static class BinanceOrderLimits
{
    /// <summary>The pool name of <paramref name="account"/>'s order count.</summary>
    public static string Pool(string account) => "ORDERS:" + account;

    /// <summary>Binance's documented defaults for <paramref name="market"/>, counted in <paramref name="account"/>'s pool.</summary>
    public static IReadOnlyList<RateLimitRule> Defaults(BinanceMarket market, string account) => market == BinanceMarket.Spot
        ? [Rule(account, TimeSpan.FromSeconds(10), 100, "X-MBX-ORDER-COUNT-10S"), Rule(account, TimeSpan.FromDays(1), 200_000, "X-MBX-ORDER-COUNT-1D")]
        : [Rule(account, TimeSpan.FromSeconds(10), 300, "X-MBX-ORDER-COUNT-10S"), Rule(account, TimeSpan.FromMinutes(1), 1_200, "X-MBX-ORDER-COUNT-1M")];

    /// <summary>One order-count rule read from <paramref name="header"/>.</summary>
    public static RateLimitRule Rule(string account, TimeSpan interval, int limit, string header) =>
        new(Pool(account), interval, limit) { UsedHeader = header };
}
