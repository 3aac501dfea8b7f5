using System.CommandLine;
using System.Globalization;
using FlowSight.Cli.Trading;
using FlowSight.PaperVenue.Hosting;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight sim --venue binance-usdm|binance-spot|okx</c>: starts the paper venue (the simulated exchange behind
/// the venue's own REST and WebSocket protocols) on this machine, prints the addresses and the credentials a client
/// needs, and serves until Ctrl+C. Argument errors exit with 2 and say what is wrong.
/// </summary>
internal static class SimCommand
{
    private static readonly Dictionary<string, PaperVenueKind> Venues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["binance-usdm"] = PaperVenueKind.BinanceUsdm,
        ["binance-spot"] = PaperVenueKind.BinanceSpot,
        ["okx"] = PaperVenueKind.Okx,
    };

    public static Command Create()
    {
        var venue = new Option<string?>("--venue") { Description = "The protocol to speak: binance-usdm, binance-spot or okx." };
        var symbols = new Option<string?>("--symbols") { Description = "Symbols to list, comma-separated (default: BTCUSDT,ETHUSDT; OKX: BTC-USDT-SWAP,ETH-USDT-SWAP)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic market.", DefaultValueFactory = _ => 1 };
        var replay = new Option<string?>("--replay") { Description = "Replay a recording (flowsight record, Binance) instead of the synthetic market." };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per second (0 pauses the market; replay and synthetic).", DefaultValueFactory = _ => 1 };
        var port = new Option<int>("--port") { Description = "TCP port (0: a free one).", DefaultValueFactory = _ => 0 };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var apiKey = new Option<string?>("--api-key") { Description = "API key clients sign with (default: a random one, printed)." };
        var apiSecret = new Option<string?>("--api-secret") { Description = "Secret of --api-key." };
        var passphrase = new Option<string?>("--passphrase") { Description = "OKX passphrase of --api-key." };
        var warmUp = new Option<double>("--warm-up") { Description = "Minutes of synthetic history generated before the venue opens.", DefaultValueFactory = _ => 30 };
        var accountFile = new Option<string>("--account-file")
        {
            Description = "Where to write the account `flowsight order` trades by default while serving ('none': nowhere).",
            DefaultValueFactory = _ => PaperAccountFile.DefaultPath,
        };
        var command = new Command("sim", "Run the paper venue: a simulated exchange speaking Binance's or OKX's own API on this machine.")
        {
            venue, symbols, seed, replay, speed, port, host, apiKey, apiSecret, passphrase, warmUp, accountFile,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (!TryCreateSettings(
                result.GetValue(venue), result.GetValue(symbols), result.GetValue(seed), result.GetValue(replay), result.GetValue(speed),
                result.GetValue(port), result.GetValue(host)!, result.GetValue(apiKey), result.GetValue(apiSecret), result.GetValue(passphrase),
                result.GetValue(warmUp), out var settings, out var problem))
            {
                await error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            var file = result.GetValue(accountFile);
            settings = settings with { AccountFile = file is null || file == "none" ? null : file };
            return await RunAsync(settings, output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Checks the arguments; <paramref name="problem"/> says what is wrong and how to put it right.</summary>
    internal static bool TryCreateSettings(
        string? venue, string? symbols, int seed, string? replay, double speed, int port, string host,
        string? apiKey, string? apiSecret, string? passphrase, double warmUpMinutes, out SimSettings settings, out string problem)
    {
        settings = null!;
        problem = string.Empty;
        if (venue is null || !Venues.TryGetValue(venue, out var kind))
        {
            problem = venue is null ? $"--venue is required: {string.Join(", ", Venues.Keys)}." : $"Unknown venue '{venue}': the paper venue speaks {string.Join(", ", Venues.Keys)}.";
            return false;
        }

        var listed = (symbols ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            PaperInstruments.For(kind, listed);
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message.Split(" (Parameter", 2)[0];
            return false;
        }

        if (!double.IsFinite(speed) || speed < 0)
        {
            problem = $"--speed must be 0 (paused) or more, not {speed.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        if (port is < 0 or > 65535)
        {
            problem = $"--port must be between 0 (a free port) and 65535, not {port}.";
            return false;
        }

        if (!System.Net.IPAddress.TryParse(host, out _))
        {
            problem = $"--host must be an IP address to bind (e.g. 127.0.0.1 or 0.0.0.0), not '{host}'.";
            return false;
        }

        if (!double.IsFinite(warmUpMinutes) || warmUpMinutes < 0 || warmUpMinutes > 7 * 24 * 60)
        {
            problem = "--warm-up must be between 0 and 10080 minutes.";
            return false;
        }

        if (replay is not null)
        {
            if (kind == PaperVenueKind.Okx)
            {
                problem = "--replay serves Binance recordings: use it with --venue binance-usdm or binance-spot.";
                return false;
            }

            if (!File.Exists(replay))
            {
                problem = $"--replay: no such file '{replay}'.";
                return false;
            }
        }

        if ((apiKey is null) != (apiSecret is null))
        {
            problem = "--api-key and --api-secret go together: give both, or neither for a made-up pair.";
            return false;
        }

        if (apiKey is not null && (apiKey.Length == 0 || apiSecret!.Length == 0))
        {
            problem = "--api-key and --api-secret must not be empty.";
            return false;
        }

        if (kind == PaperVenueKind.Okx && apiKey is not null && string.IsNullOrEmpty(passphrase))
        {
            problem = "OKX signs with a passphrase too: add --passphrase to --api-key and --api-secret.";
            return false;
        }

        if (kind != PaperVenueKind.Okx && passphrase is not null)
        {
            problem = "--passphrase is OKX's: Binance keys have none.";
            return false;
        }

        IReadOnlyList<PaperCredential> credentials = apiKey is null ? [] : [new PaperCredential(apiKey, apiSecret!, kind == PaperVenueKind.Okx ? passphrase : null, 1)];
        settings = new SimSettings(
            new PaperVenueOptions
            {
                Venue = kind,
                Symbols = listed,
                Seed = seed,
                ReplayFile = replay,
                Speed = speed,
                Port = port,
                Host = host,
                Credentials = credentials,
                WarmUp = TimeSpan.FromMinutes(warmUpMinutes),
            },
            venue.ToLowerInvariant());
        return true;
    }

    /// <summary>Starts the venue, prints where it is and how to sign in, and serves until <paramref name="cancellationToken"/> fires.</summary>
    internal static async Task<int> RunAsync(SimSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        PaperVenueHost host;
        try
        {
            host = await PaperVenueHost.StartAsync(settings.Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"Cannot listen on {settings.Options.Host}:{settings.Options.Port}: {ex.Message} (is another venue running? --port 0 picks a free port).").ConfigureAwait(false);
            return 2;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message.Split(" (Parameter", 2)[0]).ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        await using (host.ConfigureAwait(false))
        {
            var exchange = host.Exchange;
            var market = settings.Options.ReplayFile is { } file ? $"replay of {file}" : $"synthetic market, seed {settings.Options.Seed}";
            var speed = settings.Options.Speed == 0 ? "paused" : string.Create(CultureInfo.InvariantCulture, $"speed {settings.Options.Speed:0.###}x");
            await output.WriteLineAsync($"FlowSight paper venue: {settings.VenueName} ({string.Join(", ", exchange.Instruments.Select(i => i.VenueSymbol))}), {market}, {speed}").ConfigureAwait(false);
            foreach (var (name, uri) in host.Endpoints)
            {
                await output.WriteLineAsync($"  {name,-12} {uri}").ConfigureAwait(false);
            }

            foreach (var credential in exchange.Credentials.All)
            {
                await output.WriteLineAsync($"credentials of account {credential.AccountId}:").ConfigureAwait(false);
                await output.WriteLineAsync($"  api-key      {credential.ApiKey}").ConfigureAwait(false);
                await output.WriteLineAsync($"  api-secret   {credential.Secret}").ConfigureAwait(false);
                if (settings.Options.Venue == PaperVenueKind.Okx)
                {
                    await output.WriteLineAsync($"  passphrase   {credential.Passphrase}").ConfigureAwait(false);
                }
            }

            var balances = string.Join(", ", settings.Options.InitialBalances.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Value:0.########} {b.Key}")));
            await output.WriteLineAsync($"each account starts with {balances}").ConfigureAwait(false);
            var account = PaperAccount(settings, host);
            if (settings.AccountFile is { } path)
            {
                PaperAccountFile.Write(path, account);
                await output.WriteLineAsync($"account file {path} (flowsight order trades it by default)").ConfigureAwait(false);
            }

            await output.WriteLineAsync("Serving; press Ctrl+C to stop.").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the normal way to stop.
            }

            if (settings.AccountFile is { } written)
            {
                PaperAccountFile.DeleteIfOwned(written, account);
            }
        }

        await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
        return 0;
    }

    private static TradingAccount PaperAccount(SimSettings settings, PaperVenueHost host)
    {
        var credential = host.Exchange.Credentials.All[0];
        var webSocket = settings.Options.Venue == PaperVenueKind.Okx ? host.Endpoint("ws-private") : host.Endpoint("ws");
        return new TradingAccount
        {
            Name = "paper",
            Venue = settings.VenueName,
            Rest = host.Endpoint("rest"),
            WebSocket = webSocket,
            ApiKey = credential.ApiKey,
            ApiSecret = credential.Secret,
            Passphrase = settings.Options.Venue == PaperVenueKind.Okx ? credential.Passphrase : null,
            Symbols = [.. host.Exchange.Instruments.Select(i => i.VenueSymbol)],
        };
    }
}
