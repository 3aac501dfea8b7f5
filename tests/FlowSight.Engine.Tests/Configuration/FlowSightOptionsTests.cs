using System.Text;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Messaging;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace FlowSight.Engine.Tests.Configuration;

public sealed class FlowSightOptionsTests
{
    [Fact]
    public void Builder_builds_the_seed_example_with_a_power_of_two_buffer()
    {
        var options = new FlowSightOptionsBuilder("BTCUSDT")
            .WithBufferSize(16_384)
            .WithMaxReconnects(5)
            .WithMaxVisibleRows(3000)
            .WithPricePrecision(0.01m)
            .Build();

        Assert.Equal("BTCUSDT", options.Symbol);
        Assert.Equal(16_384, options.EventBufferSize);
        Assert.Equal(5, options.MaxReconnectAttempts);
        Assert.Equal(3000, options.MaxVisibleRows);
        Assert.Equal(0.01m, options.PricePrecision);
    }

    [Fact]
    public void Builder_lists_every_problem_and_suggests_buffer_sizes()
    {
        var ex = Assert.Throws<ConfigurationValidationException>(() => new FlowSightOptionsBuilder("")
            .WithBufferSize(10_000)
            .WithMaxReconnects(-1)
            .WithMaxVisibleRows(0)
            .WithPricePrecision(0m)
            .WithLatencySampling(3)
            .Build());

        Assert.Equal(6, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Contains("8192 or 16384", StringComparison.Ordinal));
        Assert.Contains("Symbol", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxReconnectAttempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_from_json_with_enums_and_timespans()
    {
        var options = FlowSightConfiguration.Load(Json("""
            { "FlowSight": { "Symbol": "ETHUSDT", "EventBufferSize": 4096, "WaitStrategy": "Blocking",
                             "FullBufferPolicy": "Throw", "ErrorPolicy": "Stop", "StatisticsInterval": "00:00:02" } }
            """));

        Assert.Equal("ETHUSDT", options.Symbol);
        Assert.Equal(4096, options.EventBufferSize);
        Assert.Equal(WaitStrategyKind.Blocking, options.WaitStrategy);
        Assert.Equal(FullBufferPolicy.Throw, options.FullBufferPolicy);
        Assert.Equal(ConsumerErrorPolicy.Stop, options.ErrorPolicy);
        Assert.Equal(TimeSpan.FromSeconds(2), options.StatisticsInterval);
        Assert.Equal(3000, options.MaxVisibleRows); // default kept
    }

    [Fact]
    public void Environment_style_keys_override_the_file()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "FlowSight": { "EventBufferSize": 4096 } }""")))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FlowSight:EventBufferSize"] = "8192" })
            .Build();

        Assert.Equal(8192, FlowSightConfiguration.Load(configuration).EventBufferSize);
    }

    [Fact]
    public void Unknown_keys_are_errors_not_silently_ignored()
    {
        var ex = Assert.Throws<ConfigurationValidationException>(() =>
            FlowSightConfiguration.Load(Json("""{ "FlowSight": { "EventBuferSize": 4096 } }""")));

        Assert.Contains("EventBuferSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unconvertible_values_name_the_key()
    {
        var ex = Assert.Throws<ConfigurationValidationException>(() =>
            FlowSightConfiguration.Load(Json("""{ "FlowSight": { "EventBufferSize": "lots" } }""")));

        Assert.Contains("EventBufferSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_values_from_configuration_are_listed()
    {
        var ex = Assert.Throws<ConfigurationValidationException>(() =>
            FlowSightConfiguration.Load(Json("""{ "FlowSight": { "EventBufferSize": 1000, "CpuAffinity": 4096 } }""")));

        Assert.Equal(2, ex.Errors.Count);
    }

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
