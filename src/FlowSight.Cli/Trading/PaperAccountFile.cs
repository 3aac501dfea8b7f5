using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowSight.Cli.Trading;

/// <summary>
/// The file <c>flowsight sim</c> writes while it serves (and deletes when it stops), so that <c>flowsight order</c>
/// in another terminal trades the paper venue with no flags. It holds the paper venue's made-up credentials only.
/// </summary>
internal static class PaperAccountFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Where the file is unless told otherwise: <c>./data/paper-account.json</c>.</summary>
    public static string DefaultPath => Path.Combine(Environment.CurrentDirectory, "data", "paper-account.json");

    /// <summary>Writes <paramref name="account"/> to <paramref name="path"/>, readable by this user only.</summary>
    public static void Write(string path, TradingAccount account)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(account, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the account at <paramref name="path"/>, or explains why it cannot.</summary>
    public static bool TryRead(string path, out TradingAccount account, out string problem)
    {
        account = null!;
        problem = string.Empty;
        if (!File.Exists(path))
        {
            problem = $"No account configured and no paper venue running ({path} not found): start one with `flowsight sim --venue binance-usdm`, or configure Accounts in flowsight.json.";
            return false;
        }

        try
        {
            account = JsonSerializer.Deserialize<TradingAccount>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the file is empty");
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"{path} is not a paper account file: {ex.Message}";
            return false;
        }
    }

    /// <summary>Deletes the file if it still describes <paramref name="account"/> (another sim may have replaced it).</summary>
    public static void DeleteIfOwned(string path, TradingAccount account)
    {
        if (TryRead(path, out var current, out _) && current.ApiKey == account.ApiKey && current.Rest == account.Rest)
        {
            File.Delete(path);
        }
    }
}
