using System.Globalization;
using FlowSight.Server.State;

namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>Prices and sizes the venue and the risk engine accept: on the tick, on the step, above the minimum notional.</summary>
public static class OrderSizing
{
    /// <summary><paramref name="price"/> rounded down to the instrument's tick.</summary>
    public static decimal FloorToTick(InstrumentView instrument, decimal price) => Math.Floor(price / instrument.TickSize) * instrument.TickSize;

    /// <summary>The smallest quantity on the step whose value at <paramref name="price"/> is at least <paramref name="notional"/> (and the minimum quantity).</summary>
    public static decimal QuantityFor(InstrumentView instrument, decimal price, decimal notional)
    {
        var multiplier = instrument.Multiplier > 0m ? instrument.Multiplier : 1m;
        var steps = Math.Ceiling(notional / (price * multiplier) / instrument.StepSize);
        return Math.Max(Math.Max(steps, 1m) * instrument.StepSize, instrument.MinQuantity);
    }

    /// <summary>A small order that passes the minimum notional with room (1.5× it, or the minimum quantity).</summary>
    public static decimal SmallQuantity(InstrumentView instrument, decimal price) => QuantityFor(instrument, price, instrument.MinNotional * 1.5m);

    /// <summary>A number as typed into a form and sent in JSON: invariant, no exponent, no trailing zeros.</summary>
    public static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
