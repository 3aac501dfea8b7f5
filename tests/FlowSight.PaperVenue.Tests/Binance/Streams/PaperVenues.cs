using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>Starts paper venues for the stream tests: one minute of warm-up, a known key, the given speed.</summary>
internal static class PaperVenues
{
    public const string ApiKey = "stream-test-key";

    public static Task<PaperVenueHost> StartAsync(PaperVenueKind venue, double speed, int maxQueued = 4096, TimeProvider? time = null, IReadOnlyList<string>? symbols = null) =>
        PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = venue,
                Speed = speed,
                WarmUp = TimeSpan.FromMinutes(1),
                Symbols = symbols ?? [],
                MaxQueuedMessagesPerConnection = maxQueued,
                Credentials = [new PaperCredential(ApiKey, "stream-test-secret", null, 1), new PaperCredential("other-key", "other-secret", null, 2)],
            },
            time,
            cancellationToken: TestContext.Current.CancellationToken);
}
