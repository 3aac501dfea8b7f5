namespace FlowSight.Simulator.Accounts;

/// <summary>Where <see cref="SimulatedAccounts"/> reports balance, position, funding and liquidation changes, synchronously.</summary>
public interface IAccountEventSink
{
    /// <summary>A spot or futures balance changed.</summary>
    void OnBalanceUpdate(in BalanceUpdate update);

    /// <summary>A perpetual position changed.</summary>
    void OnPositionUpdate(in PositionUpdate update);

    /// <summary>A position was charged or credited funding.</summary>
    void OnFundingPayment(in FundingPayment payment);

    /// <summary>A position was liquidated.</summary>
    void OnLiquidation(in LiquidationEvent liquidation);
}
