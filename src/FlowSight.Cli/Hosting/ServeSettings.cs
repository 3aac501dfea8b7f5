using FlowSight.Cli.Commands;
using FlowSight.Cli.Trading;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Risk;
using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace FlowSight.Cli.Hosting;

/// <summary>
/// Reads what <c>flowsight serve</c> runs from the configuration: <c>Serve:Markets</c> (each <c>"MARKET:SYMBOL,..."</c> or
/// <c>{ "Market": "...", "Endpoint": "http://..." }</c>), <c>Serve:Accounts</c> (names under <c>Accounts</c>; default:
/// every configured account), <c>Serve:ReadyTimeout</c>, <c>Server</c> (<see cref="ServerOptions"/>) and <c>Risk</c>.
/// </summary>
internal static class ServeSettings
{
    /// <summary>The host's options.</summary>
    /// <exception cref="ConfigurationValidationException">The configuration cannot be served; the message lists why.</exception>
    public static FlowSightHostOptions Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var markets = new List<MarketFeed>();
        foreach (var item in configuration.GetSection("Serve:Markets").GetChildren())
        {
            var text = item.Value ?? item["Market"];
            var endpointText = item.Value is null ? item["Endpoint"] : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"Serve:Markets:{item.Key} names no market (\"binance-usdm:BTCUSDT\" or {{ \"Market\": ..., \"Endpoint\": ... }}).");
                continue;
            }

            try
            {
                Uri? endpoint = null;
                if (endpointText is not null && !MarketArgument.TryParseEndpoint(endpointText, out endpoint))
                {
                    problems.Add($"Serve:Markets:{item.Key}:Endpoint '{endpointText}' is not an absolute http(s) or ws(s) URL.");
                    continue;
                }

                markets.Add(new MarketFeed(MarketArgument.Parse(text), endpoint));
            }
            catch (FormatException ex)
            {
                problems.Add($"Serve:Markets:{item.Key}: {ex.Message}");
            }
        }

        if (markets.Count == 0 && problems.Count == 0)
        {
            problems.Add("Serve:Markets is empty: list the markets to follow, e.g. \"Serve\": { \"Markets\": [\"binance-usdm:BTCUSDT\", \"okx:BTC-USDT-SWAP\"] }.");
        }

        var names = configuration.GetSection("Serve:Accounts").Get<string[]>()
            ?? [.. configuration.GetSection("Accounts").GetChildren().Select(a => a.Key)];
        var accounts = new List<TradingAccount>();
        foreach (var name in names)
        {
            if (TradingAccounts.TryResolve(configuration, name, paperFile: null, out var account, out var problem))
            {
                accounts.Add(account);
            }
            else
            {
                problems.Add(problem);
            }
        }

        var server = configuration.GetSection("Server").Get<ServerOptions>() ?? new ServerOptions();
        if (server.Users.Count == 0)
        {
            problems.Add("Server:Users is empty: nobody could log in. Add { \"Name\": ..., \"PasswordHash\": ..., \"Role\": \"Admin\" } (flowsight user hash makes the hash).");
        }

        foreach (var user in server.Users)
        {
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                problems.Add("Server:Users has a user without a Name.");
            }
            else if (!PasswordHashes.IsWellFormed(user.PasswordHash))
            {
                problems.Add($"Server:Users: {user.Name}'s PasswordHash is not a hash flowsight reads (make one with flowsight user hash).");
            }
        }

        var ready = configuration.GetValue("Serve:ReadyTimeout", TimeSpan.FromMinutes(1));
        if (problems.Count > 0)
        {
            throw new ConfigurationValidationException(problems);
        }

        return new FlowSightHostOptions
        {
            Markets = markets,
            Accounts = accounts,
            Server = server,
            Risk = configuration.GetSection("Risk").Get<RiskLimits>() ?? new RiskLimits(),
            ReadyTimeout = ready,
        };
    }
}
