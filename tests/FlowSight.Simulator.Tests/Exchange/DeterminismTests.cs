using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;
using Xunit;

namespace FlowSight.Simulator.Tests.Exchange;

/// <summary>The same seed and commands give the same event stream, to the last unit.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void The_same_seeded_session_twice_gives_identical_event_streams()
    {
        var first = new RecordingSimulatorSink();
        var second = new RecordingSimulatorSink();
        ExchangeScript.Run(seed: 20261124, steps: 3_000, first);
        ExchangeScript.Run(seed: 20261124, steps: 3_000, second);

        Assert.Equal(first.Lines, second.Lines);
        // The session exercised what it should: fills on both markets, funding, rejections.
        Assert.True(first.Of<OrderEvent>().Count(e => e.ExecutionType == ExecutionType.Trade) > 200);
        Assert.Contains(first.Of<OrderEvent>(), e => e.ExecutionType == ExecutionType.Trade && e.CommissionAsset == "BTC");
        Assert.NotEmpty(first.Of<FundingPayment>());
        Assert.Contains(first.Of<OrderEvent>(), e => e.ExecutionType == ExecutionType.Canceled);

        var other = new RecordingSimulatorSink();
        ExchangeScript.Run(seed: 7, steps: 3_000, other);
        Assert.NotEqual(first.Lines, other.Lines);
    }
}
