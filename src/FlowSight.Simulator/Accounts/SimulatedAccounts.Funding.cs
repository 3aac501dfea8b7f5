using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>Funding settlement.</summary>
public sealed partial class SimulatedAccounts
{
    /// <summary>
    /// Settles one funding period of <paramref name="instrument"/> at <paramref name="fundingRate"/> for every open
    /// position, at the current mark: amount = −direction × mark × size × multiplier × rate, rounded toward negative
    /// infinity at 8 decimals (the payer pays the last unit, the receiver does not get it). Cross positions settle in
    /// the cross wallet, isolated ones in their isolated wallet. Emits a <see cref="FundingPayment"/> and a FUNDING_FEE
    /// balance update per position (and a position update for isolated ones, whose isolated wallet changed).
    /// Liquidation checks are the caller's (<see cref="FindLiquidations"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No mark price has been given for the instrument.</exception>
    public void SettleFunding(InstrumentId instrument, decimal fundingRate, long timestamp)
    {
        var accounted = InstrumentOf(instrument);
        if (accounted.IsSpot)
        {
            return;
        }

        if (!accounted.HasMark)
        {
            throw new InvalidOperationException($"Funding of {instrument} needs a mark price first.");
        }

        foreach (var account in _accountList)
        {
            var isolated = account.MarginTypes[accounted.Index] == MarginType.Isolated;
            for (var side = 0; side < 3; side++)
            {
                var position = account.PositionOrNull(accounted.Index, (PositionSide)side);
                if (position is not { SizeRaw: > 0 })
                {
                    continue;
                }

                var notional = MarkNotionalRaw(position);
                var amount = M(-position.Sign * notional).Multiply(fundingRate, MoneyPrecision, RoundingMode.Down).Raw;
                if (isolated)
                {
                    position.IsolatedWalletRaw += amount;
                }
                else
                {
                    account.CrossWallet[accounted.SettleAsset] += amount;
                }

                _sink?.OnFundingPayment(new FundingPayment(
                    account.Id, instrument, position.PositionSide, position.Direction, accounted.Quantity(position.SizeRaw),
                    accounted.Mark, fundingRate, M(notional), M(amount), timestamp));
                EmitBalance(account, WalletKind.Futures, accounted.SettleAsset, AccountUpdateReason.FundingFee, amount, timestamp);
                if (isolated)
                {
                    EmitPosition(account, position, AccountUpdateReason.FundingFee, timestamp);
                }
            }
        }
    }
}
