namespace FlowSight.Server.Auth;

/// <summary>The body of every error the auth, trading and health endpoints answer: <c>{"error": "..."}</c>.</summary>
/// <param name="Error">What went wrong, for a person; never a stack trace.</param>
public sealed record ErrorBody(string Error);
