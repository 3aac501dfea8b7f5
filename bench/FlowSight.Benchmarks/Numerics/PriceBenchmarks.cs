using System.Buffers.Text;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using FlowSight.Core;

namespace FlowSight.Benchmarks.Numerics;

/// <summary>
/// Parsing a venue's UTF-8 price text into a <see cref="Price"/> (precision inferred, and at the instrument's
/// precision) and formatting it back, against the BCL's UTF-8 decimal parser and formatter on the same bytes.
/// Ratio is relative to <see cref="Utf8Parser"/> parsing a decimal, per input.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*PriceBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PriceBenchmarks
{
    private readonly byte[] _destination = new byte[32];
    private byte[] _utf8 = [];
    private byte _precision;
    private Price _price;
    private decimal _decimal;

    /// <summary>A BTCUSDT price as Binance futures sends it, and a small-coin price with 8 decimals.</summary>
    [Params("61800.30", "0.00012345")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = Encoding.UTF8.GetBytes(Text);
        _price = Price.Parse(_utf8);
        _precision = _price.Precision;
        _decimal = decimal.Parse(Text, CultureInfo.InvariantCulture);
    }

    [Benchmark(Baseline = true, Description = "Utf8Parser.TryParse(decimal)")]
    public decimal Utf8ParserDecimal() => Utf8Parser.TryParse(_utf8, out decimal value, out _) ? value : -1m;

    [Benchmark(Description = "decimal.Parse(utf8)")]
    public decimal DecimalParse() => decimal.Parse(_utf8, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [Benchmark(Description = "Price.Parse(utf8)")]
    public Price PriceParse() => Price.Parse(_utf8);

    [Benchmark(Description = "Price.Parse(utf8, precision)")]
    public Price PriceParseAtPrecision() => Price.Parse(_utf8, _precision);

    [Benchmark(Description = "Price.TryParse(utf8, precision)")]
    public long PriceTryParseAtPrecision() => Price.TryParse(_utf8, _precision, out var price, out _) ? price.Raw : 0;

    [Benchmark(Description = "Price.TryFormat(utf8)")]
    public int PriceFormat()
    {
        _price.TryFormat(_destination, out var written);
        return written;
    }

    [Benchmark(Description = "Utf8Formatter.TryFormat(decimal)")]
    public int Utf8FormatterDecimal()
    {
        Utf8Formatter.TryFormat(_decimal, _destination, out var written);
        return written;
    }
}
