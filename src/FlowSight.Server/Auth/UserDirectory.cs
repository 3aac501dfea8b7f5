using FlowSight.Server.Hosting;

namespace FlowSight.Server.Auth;

/// <summary>
/// The configured users and password checks. An unknown name is checked against a decoy hash with the same cost, so the
/// answer and its time are the same for an unknown user and a wrong password (no user enumeration by timing).
/// </summary>
internal sealed class UserDirectory
{
    private readonly Dictionary<string, ServerUser> _users = new(StringComparer.Ordinal);
    private readonly string _decoyHash = PasswordHashes.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    /// <summary>Checks the users' configuration; throws with the offending entry named.</summary>
    public UserDirectory(IReadOnlyList<ServerUser> users)
    {
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            var where = $"Server:Users[{i}]";
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                throw new InvalidOperationException($"{where}: Name is empty.");
            }

            if (!PasswordHashes.IsWellFormed(user.PasswordHash))
            {
                throw new InvalidOperationException($"{where} ({user.Name}): PasswordHash is not an ASP.NET Core Identity password hash; make one with `flowsight user hash`.");
            }

            if (!Enum.IsDefined(user.Role))
            {
                throw new InvalidOperationException($"{where} ({user.Name}): Role '{user.Role}' is not viewer, trader or admin.");
            }

            if (!_users.TryAdd(user.Name, user))
            {
                throw new InvalidOperationException($"{where}: the user name '{user.Name}' appears twice.");
            }
        }
    }

    /// <summary>The user when <paramref name="password"/> is theirs; null otherwise (unknown user or wrong password alike).</summary>
    public ServerUser? Verify(string? name, string? password)
    {
        var found = _users.TryGetValue(name ?? string.Empty, out var user);
        // Always pay for one PBKDF2 verification, found or not.
        var ok = PasswordHashes.Verify(found ? user!.PasswordHash : _decoyHash, password ?? string.Empty);
        return found && ok && !string.IsNullOrEmpty(password) ? user : null;
    }
}
