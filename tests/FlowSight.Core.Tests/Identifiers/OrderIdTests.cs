using System.Text;
using FlowSight.Core;
using Xunit;

namespace FlowSight.Core.Tests.Identifiers;

public sealed class OrderIdTests
{
    [Theory]
    [InlineData("x-Cb7ytekJ1700000000000")]
    [InlineData("web_1234.5:6/7-8")]
    [InlineData("abcdefghijabcdefghijabcdefghij123456")] // 36: Binance's maximum
    public void Client_order_ids_round_trip(string text)
    {
        var id = ClientOrderId.Parse(text);

        Assert.Equal(text, id.ToString());
        Assert.True(id.Utf8.SequenceEqual(Encoding.ASCII.GetBytes(text)));
        Assert.True(ClientOrderId.TryParse(Encoding.ASCII.GetBytes(text), out var fromBytes));
        Assert.Equal(id, fromBytes);
        Assert.Equal(id.GetHashCode(), fromBytes.GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghij1234567")] // 37
    [InlineData("has space")]
    [InlineData("emoji✓")]
    [InlineData("semi;colon")]
    public void Client_order_ids_reject_what_venues_refuse(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ClientOrderId.Parse(text));
        Assert.Contains("client order id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Venue_order_ids_from_numbers_match_their_text()
    {
        Assert.Equal(VenueOrderId.Parse("4611875134427365377"), VenueOrderId.FromNumber(4611875134427365377));
        Assert.Equal("8389765519993896977", VenueOrderId.FromNumber(8389765519993896977).ToString());
        Assert.True(default(VenueOrderId).IsDefault);
    }
}
