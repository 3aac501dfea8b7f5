using FlowSight.Server.Hosting;

namespace FlowSight.Server.Auth;

/// <summary>A successful login: the bearer token, who it is for, and when it expires (Unix milliseconds).</summary>
/// <param name="Token">The JWT to send as <c>Authorization: Bearer …</c> (or <c>?access_token=</c> on <c>/ws</c>).</param>
/// <param name="Name">The user's name.</param>
/// <param name="Role">The user's role.</param>
/// <param name="ExpiresAt">When the token expires, Unix milliseconds.</param>
public sealed record LoginResponse(string Token, string Name, ServerRole Role, long ExpiresAt);
