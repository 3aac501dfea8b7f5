using FlowSight.Core;
using Xunit;

namespace FlowSight.Engine.Tests.Instruments;

public sealed class CommonInstrumentKeyTests
{
    [Theory]
    [InlineData("BTC/USDT", "BTC", "USDT", InstrumentKind.Spot, "USDT")]
    [InlineData("BTC/USDT-PERP", "BTC", "USDT", InstrumentKind.Perpetual, "USDT")]
    [InlineData("BTC/USD-PERP:BTC", "BTC", "USD", InstrumentKind.Perpetual, "BTC")]
    [InlineData("ETH/USDT-20220624", "ETH", "USDT", InstrumentKind.DatedFuture, "USDT")]
    [InlineData("BTC/USD-20220624:BTC", "BTC", "USD", InstrumentKind.DatedFuture, "BTC")]
    public void Canonical_forms_parse_into_their_parts_and_format_back(string text, string baseAsset, string quote, InstrumentKind kind, string settle)
    {
        var key = CommonInstrumentKey.Parse(text);

        Assert.Equal((baseAsset, quote, kind, settle), (key.Base, key.Quote, key.Kind, key.Settle));
        Assert.Equal(text, key.ToString());
        Assert.Equal(key, CommonInstrumentKey.Parse(key.Value));
    }

    [Fact]
    public void Lower_case_and_a_settle_equal_to_the_quote_give_the_same_key()
    {
        var key = CommonInstrumentKey.Perpetual("BTC", "USDT");

        Assert.Equal(key, CommonInstrumentKey.Parse("btc/usdt-perp"));
        Assert.Equal(key, CommonInstrumentKey.Parse("BTC/USDT-PERP:USDT"));
        Assert.Equal(key.Handle, CommonInstrumentKey.Parse("BTC/USDT-PERP").Handle);
        Assert.NotEqual(key, CommonInstrumentKey.Spot("BTC", "USDT"));
        Assert.NotEqual(key, CommonInstrumentKey.Perpetual("BTC", "USD", "BTC"));
    }

    [Fact]
    public void Keys_know_inverse_contracts_and_expiry_dates()
    {
        Assert.True(CommonInstrumentKey.Parse("BTC/USD-PERP:BTC").IsInverse);
        Assert.False(CommonInstrumentKey.Parse("BTC/USDT-PERP").IsInverse);
        Assert.Equal(new DateOnly(2022, 6, 24), CommonInstrumentKey.Parse("BTC/USDT-20220624").Expiry);
        Assert.Null(CommonInstrumentKey.Parse("BTC/USDT-PERP").Expiry);
        Assert.True(default(CommonInstrumentKey).IsDefault);
        Assert.Equal(string.Empty, default(CommonInstrumentKey).ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("BTCUSDT", "BASE/QUOTE")]
    [InlineData("BTC/USDT-SWAP", "neither PERP nor an expiry date")]
    [InlineData("BTC/USDT-20221345", "neither PERP nor an expiry date")]
    [InlineData("BTC/USDT:BTC", "only for contracts")]
    [InlineData("BTC/BTC-PERP", "both BTC")]
    [InlineData("BT.C/USDT", "A-Z or 0-9")]
    public void Bad_text_fails_with_a_reason(string text, string reason)
    {
        Assert.False(CommonInstrumentKey.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => CommonInstrumentKey.Parse(text));
    }

    [Fact]
    public void A_key_is_four_bytes_and_unmanaged()
    {
        Assert.Equal(4, System.Runtime.CompilerServices.Unsafe.SizeOf<CommonInstrumentKey>());
        Assert.False(System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<CommonInstrumentKey>());
    }
}
