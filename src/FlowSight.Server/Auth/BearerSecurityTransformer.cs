using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FlowSight.Server.Auth;

/// <summary>
/// Puts the bearer scheme in the OpenAPI document and, on each operation that needs a token, a security requirement and
/// <c>x-policy</c> (viewer, trader, admin, metrics) so a client or a test can tell from the document who may call what.
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string SchemeName = "Bearer";

    /// <summary>The operation extension naming the policy.</summary>
    public const string PolicyExtension = "x-policy";

    /// <inheritdoc/>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from POST /api/auth/login. The WebSocket /ws takes it as ?access_token=.",
        };
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        var policy = metadata.OfType<IAuthorizeData>().Select(data => data.Policy).LastOrDefault(name => name is not null);
        var authorized = policy is not null || metadata.OfType<IAuthorizeData>().Any();
        var path = "/" + (context.Description.RelativePath ?? string.Empty);
        if (!authorized && !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        policy ??= "authenticated";
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
        });
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[PolicyExtension] = new JsonNodeExtension(JsonValue.Create(policy));
        var note = policy switch
        {
            ServerPolicies.Viewer => "Requires a bearer token (any role).",
            ServerPolicies.Trader => "Requires a bearer token with the trader or admin role.",
            ServerPolicies.Admin => "Requires a bearer token with the admin role.",
            ServerPolicies.Metrics => "Anonymous from the loopback address; a bearer token from anywhere else.",
            _ => "Requires a bearer token.",
        };
        operation.Description = string.IsNullOrEmpty(operation.Description) ? note : operation.Description + " " + note;
        return Task.CompletedTask;
    }
}
