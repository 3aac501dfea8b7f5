using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Core.Tests.Numerics;

public sealed class FixedPointAllocationTests
{
    [Fact]
    public void Parse_and_format_do_not_allocate()
    {
        RunHotPath(100); // JIT and static tables first
        long checksum = 0;
        var allocated = Allocations.Fewest(() => checksum = RunHotPath(10_000));

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    private static long RunHotPath(int iterations)
    {
        Span<byte> utf8 = stackalloc byte[32];
        Span<char> utf16 = stackalloc char[32];
        long checksum = 0;
        for (var i = 0; i < iterations; i++)
        {
            var price = Price.Parse("61800.30000000"u8);
            var atTick = Price.Parse("61800.30000000"u8, 2);
            var quantity = Quantity.Parse("0.00012345"u8, 8);
            var money = Money.Parse("-12.5".AsSpan());
            // The failure path is allocation-free too.
            var failed = !Price.TryParse("1e5"u8, out _, out var error) & !Quantity.TryParse("-1"u8, 3, out _, out var negative);
            price.TryFormat(utf8, out var written);
            atTick.TryFormat(utf16, out var chars);
            quantity.TryFormat(utf8, out var more);
            checksum += price.Raw + atTick.Raw + quantity.Raw + money.Raw + written + chars + more + (int)error + (int)negative
                + price.GetHashCode() + (price == atTick ? 1 : 0) + (failed ? 1 : 0);
        }

        return checksum;
    }
}
