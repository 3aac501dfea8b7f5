using System.Net;
using System.Text.Json;
using FlowSight.Server.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowSight.Server.Auth;

/// <summary>JWT bearer authentication, the viewer/trader/admin policies and <c>POST /api/auth/login</c>.</summary>
internal static class ServerAuth
{
    /// <summary>The only path that takes its token from <c>?access_token=</c> (browsers can't set headers on a WebSocket).</summary>
    public const string WebSocketPath = "/ws";

    /// <summary>The login endpoint.</summary>
    public const string LoginPath = "/api/auth/login";

    /// <summary>Registers authentication, authorization, the user directory, the token issuer and the OpenAPI security scheme.</summary>
    public static void AddServices(IServiceCollection services, ServerOptions options)
    {
        var issuer = new TokenIssuer(options);
        services.AddSingleton(issuer);
        services.AddSingleton(new UserDirectory(options.Users));
        services.AddSingleton<LoginThrottle>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = issuer.ValidationParameters();
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.Equals(WebSocketPath, StringComparison.Ordinal)
                            && context.Request.Query.TryGetValue("access_token", out var token))
                        {
                            context.Token = token.ToString();
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        // JSON like every other error, instead of an empty 401.
                        context.HandleResponse();
                        var why = context.AuthenticateFailure is Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException
                            ? "the token has expired; log in again"
                            : context.AuthenticateFailure is not null
                                ? "the token is not valid; log in again"
                                : "authentication required: send Authorization: Bearer <token> from POST /api/auth/login";
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await context.Response.WriteAsJsonAsync(new ErrorBody(why), ServerJson.Options).ConfigureAwait(false);
                    },
                    OnForbidden = async context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        var role = context.Principal?.FindFirst(TokenIssuer.RoleClaim)?.Value ?? "anonymous";
                        await context.Response.WriteAsJsonAsync(new ErrorBody($"forbidden: the {role} role may not do this"), ServerJson.Options).ConfigureAwait(false);
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(ServerPolicies.Viewer, policy => policy.RequireAuthenticatedUser().RequireRole("viewer", "trader", "admin"))
            .AddPolicy(ServerPolicies.Trader, policy => policy.RequireAuthenticatedUser().RequireRole("trader", "admin"))
            .AddPolicy(ServerPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole("admin"))
            .AddPolicy(ServerPolicies.Metrics, policy => policy.RequireAssertion(context =>
                context.User.Identity?.IsAuthenticated == true
                || (context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))))
            // Secure by default: an /api/* endpoint that forgot its policy still needs a logged-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(context =>
                    context.User.Identity?.IsAuthenticated == true
                    || context.Resource is not HttpContext http
                    || !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                .Build());

        services.Configure<OpenApiOptions>("v1", openApi =>
        {
            openApi.AddDocumentTransformer<BearerSecurityTransformer>();
            openApi.AddOperationTransformer<BearerSecurityTransformer>();
        });
    }

    /// <summary>Maps the login endpoint.</summary>
    public static void MapEndpoints(WebApplication app)
    {
        app.MapPost(LoginPath, LoginAsync)
            .AllowAnonymous()
            .WithName("Login")
            .WithTags("auth")
            .WithSummary("Exchanges a user name and password for a bearer token.")
            .Accepts<LoginRequest>("application/json")
            .Produces<LoginResponse>()
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ErrorBody>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorBody>(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, UserDirectory users, TokenIssuer tokens, LoginThrottle throttle)
    {
        var address = http.Connection.RemoteIpAddress ?? IPAddress.None;
        if (!throttle.MayTry(address))
        {
            return TooManyFailures(http);
        }

        LoginRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<LoginRequest>(http.Request.Body, ServerJson.Options, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Results.Json(new ErrorBody($"malformed JSON: {ex.Message}; send {{\"username\":\"...\",\"password\":\"...\"}}"), ServerJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }

        if (request is null || string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return Results.Json(new ErrorBody("username and password are required"), ServerJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }

        ServerUser? user;
        using (await throttle.EnterAsync(http.RequestAborted).ConfigureAwait(false))
        {
            // Checked again inside the gate: parallel guesses can't all pass the check made before it.
            if (!throttle.MayTry(address))
            {
                return TooManyFailures(http);
            }

            user = users.Verify(request.Username, request.Password);
            if (user is null)
            {
                throttle.Failed(address);
            }
        }

        if (user is null)
        {
            return Results.Json(new ErrorBody("unknown user or wrong password"), ServerJson.Options, statusCode: StatusCodes.Status401Unauthorized);
        }

        var (token, expires) = tokens.Issue(user);
        return Results.Json(new LoginResponse(token, user.Name, user.Role, expires.ToUnixTimeMilliseconds()), ServerJson.Options);
    }

    private static IResult TooManyFailures(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((int)LoginThrottle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new ErrorBody($"too many failed logins from this address; wait a minute ({LoginThrottle.FailuresPerWindow} failures per minute are allowed)"), ServerJson.Options, statusCode: StatusCodes.Status429TooManyRequests);
    }
}
