namespace FlowSight.Server.Hosting;

/// <summary>A dashboard/API user from configuration (<c>Server:Users</c>); the password is stored hashed only.</summary>
public sealed record ServerUser
{
    /// <summary>Login name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The password's hash (ASP.NET Core Identity's PBKDF2 format; <c>flowsight user hash</c> makes one).</summary>
    public string PasswordHash { get; init; } = string.Empty;

    /// <summary>The user's role.</summary>
    public ServerRole Role { get; init; } = ServerRole.Viewer;
}
