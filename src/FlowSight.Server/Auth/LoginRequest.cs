namespace FlowSight.Server.Auth;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
/// <param name="Username">The user's name as configured.</param>
/// <param name="Password">The password.</param>
public sealed record LoginRequest(string? Username, string? Password);
