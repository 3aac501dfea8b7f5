using FlowSight.Simulator.Accounts;

namespace FlowSight.Simulator.Tests.Accounts;

/// <summary>Keeps every account event in arrival order.</summary>
internal sealed class RecordingAccountSink : IAccountEventSink
{
    public List<object> Events { get; } = [];

    public IEnumerable<T> Of<T>() => Events.OfType<T>();

    public void OnBalanceUpdate(in BalanceUpdate update) => Events.Add(update);

    public void OnPositionUpdate(in PositionUpdate update) => Events.Add(update);

    public void OnFundingPayment(in FundingPayment payment) => Events.Add(payment);

    public void OnLiquidation(in LiquidationEvent liquidation) => Events.Add(liquidation);
}
