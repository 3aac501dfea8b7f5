using FlowSight.Core;
using FlowSight.Engine.Instruments;
using FsCheck.Xunit;

namespace FlowSight.Engine.Tests.Instruments;

/// <summary>
/// Contracts → base → contracts is the identity; base → contracts floors to whole steps and returns exactly what did
/// not fit — over the recorded venues' multipliers and steps plus odd ones (0.25, 5) that are not powers of ten.
/// </summary>
public sealed class QuantityNormalisationProperties
{
    private static readonly decimal[] Multipliers = [1m, 0.01m, 0.0001m, 0.001m, 0.1m, 10m, 100m, 10_000_000m, 0.25m, 5m];
    private static readonly string[] Steps = ["1", "0.001", "0.01", "0.1", "10", "0.00001", "5", "0.25"];

    private static (InstrumentRegistry Registry, Instrument Spec) Setup(byte multiplierPick, byte stepPick)
    {
        var spec = RecordedSpecs.OkxBtcUsdtSwap with
        {
            ContractMultiplier = Multipliers[multiplierPick % Multipliers.Length],
            StepSize = Quantity.Parse(Steps[stepPick % Steps.Length]),
            MinQuantity = Quantity.Parse(Steps[stepPick % Steps.Length]),
        };
        var registry = new InstrumentRegistry();
        registry.Register(spec);
        return (registry, spec);
    }

    [Property(MaxTest = 2000)]
    public bool Contracts_to_base_to_contracts_is_the_identity(uint steps, byte multiplierPick, byte stepPick)
    {
        var (registry, spec) = Setup(multiplierPick, stepPick);
        var stepRaw = spec.StepSize.Raw;
        var venue = Quantity.FromRaw((steps % 1_000_000_000L) * stepRaw, spec.StepSize.Precision);

        var common = registry.ToCommonQuantity(spec.Id, venue);
        var back = registry.ToVenueQuantity(spec.Id, common);

        return common.ToDecimal() == venue.ToDecimal() * spec.ContractMultiplier
            && back.Quantity == venue
            && back.Unfilled.Raw == 0;
    }

    [Property(MaxTest = 2000)]
    public bool Base_to_contracts_floors_to_whole_steps_and_keeps_the_rest(long raw, byte precisionPick, byte multiplierPick, byte stepPick)
    {
        var (registry, spec) = Setup(multiplierPick, stepPick);
        var precision = (byte)(precisionPick % 10);
        var asked = Quantity.FromRaw(Math.Abs(raw % 1_000_000_000_000L), precision);

        var result = registry.ToVenueQuantity(spec.Id, asked);

        var multiplier = spec.ContractMultiplier;
        var step = spec.StepSize.ToDecimal();
        var contracts = result.Quantity.ToDecimal();
        var used = contracts * multiplier;
        var wholeSteps = contracts / step;
        return wholeSteps == decimal.Truncate(wholeSteps)                 // a whole number of steps
            && used <= asked.ToDecimal()                                   // never more than asked
            && (contracts + step) * multiplier > asked.ToDecimal()         // and the next step would be
            && result.Unfilled.ToDecimal() == asked.ToDecimal() - used     // the remainder, exactly
            && result.Quantity.Precision == spec.SizePrecision;
    }
}
