using System.Globalization;
using FlowSight.Core;

namespace FlowSight.Engine.Sizing;

/// <summary>The rounding and venue minimums every sizer applies last.</summary>
public static class SizingRules
{
    /// <summary>
    /// <paramref name="quantity"/> rounded down to the step size and capped at the instrument's max quantity; zero with
    /// a reason when it falls below the min quantity or its notional (quantity × price × multiplier) below the min notional.
    /// </summary>
    public static SizingResult Finish(Instrument instrument, decimal quantity, decimal price)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var precision = instrument.SizePrecision;
        if (quantity <= 0m)
        {
            return Zero(instrument, $"the sized quantity {Format(quantity)} is not positive");
        }

        var step = instrument.StepSize.ToDecimal();
        var steps = Math.Floor(quantity / step);
        var rounded = steps * step;
        if (instrument.MaxQuantity is { } max && rounded > max.ToDecimal())
        {
            rounded = Math.Floor(max.ToDecimal() / step) * step;
        }

        var minQuantity = instrument.MinQuantity.ToDecimal();
        if (rounded <= 0m || rounded < minQuantity)
        {
            return Zero(instrument, $"{Format(quantity)} rounds down to {Format(rounded)} on step {Format(step)}, below the minimum quantity {Format(minQuantity)}");
        }

        var notional = rounded * price * instrument.ContractMultiplier;
        var minNotional = instrument.MinNotional.ToDecimal();
        if (notional < minNotional)
        {
            return Zero(instrument, $"{Format(rounded)} × {Format(price)} = {Format(notional)} is below the minimum notional {Format(minNotional)}");
        }

        return new SizingResult(Quantity.FromDecimal(rounded, precision), null);
    }

    /// <summary>A zero quantity at the instrument's precision with <paramref name="reason"/>.</summary>
    public static SizingResult Zero(Instrument instrument, string reason)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new SizingResult(Quantity.Zero(instrument.SizePrecision), $"{instrument.Id}: {reason}.");
    }

    /// <summary>Quantity for a notional in the quote asset at <paramref name="price"/> (divides by the contract multiplier).</summary>
    public static decimal QuantityForNotional(Instrument instrument, decimal notional, decimal price)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return notional / (price * instrument.ContractMultiplier);
    }

    internal static bool CheckInputs(in SizingRequest request, bool needsEquity, out SizingResult refusal)
    {
        refusal = default;
        if (request.Price <= 0m)
        {
            refusal = Zero(request.Instrument, $"the reference price {Format(request.Price)} is not positive");
            return false;
        }

        if (needsEquity && request.Equity <= 0m)
        {
            refusal = Zero(request.Instrument, $"equity {Format(request.Equity)} is not positive");
            return false;
        }

        return true;
    }

    internal static string Format(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
