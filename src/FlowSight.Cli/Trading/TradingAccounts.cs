using Microsoft.Extensions.Configuration;

namespace FlowSight.Cli.Trading;

/// <summary>
/// Finds the account a trading command uses: <c>Accounts:NAME</c> in the configuration (secrets best given as
/// <c>FLOWSIGHT_Accounts__NAME__ApiSecret</c> environment variables), else the paper venue's account file.
/// </summary>
internal static class TradingAccounts
{
    private static readonly string[] RequiredKeys = ["Venue", "Rest", "WebSocket", "ApiKey", "ApiSecret"];

    /// <summary>Resolves <paramref name="name"/> (null: <c>Trading:DefaultAccount</c>, else the only configured account, else the paper venue).</summary>
    public static bool TryResolve(IConfiguration configuration, string? name, string? paperFile, out TradingAccount account, out string problem)
    {
        var accounts = configuration.GetSection("Accounts").GetChildren().ToList();
        name ??= configuration["Trading:DefaultAccount"] ?? (accounts.Count == 1 ? accounts[0].Key : null);
        if (name is null || (name == "paper" && accounts.All(a => a.Key != "paper")))
        {
            return PaperAccountFile.TryRead(paperFile ?? PaperAccountFile.DefaultPath, out account, out problem);
        }

        account = null!;
        var section = accounts.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.OrdinalIgnoreCase));
        if (section is null)
        {
            problem = accounts.Count == 0
                ? $"No account '{name}': the configuration has no Accounts section."
                : $"No account '{name}': configured accounts are {string.Join(", ", accounts.Select(a => a.Key))}.";
            return false;
        }

        var missing = RequiredKeys.Where(k => string.IsNullOrWhiteSpace(section[k])).ToList();
        if (missing.Count > 0)
        {
            problem = $"Account '{section.Key}' lacks {string.Join(", ", missing)} (Accounts:{section.Key}:{missing[0]}).";
            return false;
        }

        var venue = section["Venue"]!.ToLowerInvariant();
        if (!TradingAccount.KnownVenues.Contains(venue))
        {
            problem = $"Account '{section.Key}': unknown venue '{section["Venue"]}' (one of {string.Join(", ", TradingAccount.KnownVenues)}).";
            return false;
        }

        if (!Uri.TryCreate(section["Rest"], UriKind.Absolute, out var rest) || !Uri.TryCreate(section["WebSocket"], UriKind.Absolute, out var webSocket))
        {
            problem = $"Account '{section.Key}': Rest and WebSocket must be absolute URLs.";
            return false;
        }

        if (venue == "okx" && string.IsNullOrEmpty(section["Passphrase"]))
        {
            problem = $"Account '{section.Key}': OKX signs with a passphrase too (Accounts:{section.Key}:Passphrase).";
            return false;
        }

        account = new TradingAccount
        {
            Name = section.Key,
            Venue = venue,
            Rest = rest,
            WebSocket = webSocket,
            ApiKey = section["ApiKey"]!,
            ApiSecret = section["ApiSecret"]!,
            Passphrase = section["Passphrase"],
            UserId = section["UserId"],
            Symbols = section.GetSection("Symbols").Get<string[]>() ?? [],
        };
        problem = string.Empty;
        return true;
    }
}
