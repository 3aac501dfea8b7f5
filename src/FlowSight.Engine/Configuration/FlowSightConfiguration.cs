using Microsoft.Extensions.Configuration;

namespace FlowSight.Engine.Configuration;

/// <summary>Binds <see cref="FlowSightOptions"/> from <see cref="IConfiguration"/> (files, environment, command line).</summary>
public static class FlowSightConfiguration
{
    /// <summary>
    /// Binds the <c>FlowSight</c> section and validates it. Unknown keys are errors, so a typo such as
    /// <c>EventBuferSize</c> is reported instead of silently ignored.
    /// </summary>
    /// <exception cref="ConfigurationValidationException">A value cannot be converted, a key is unknown, or a setting is invalid.</exception>
    public static FlowSightOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FlowSightOptions.SectionName);
        var options = new FlowSightOptions();
        try
        {
            section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationValidationException(Describe(ex), ex);
        }

        return options.EnsureValid();
    }

    private static string Describe(InvalidOperationException ex)
    {
        // The binder wraps conversion failures; its inner message names the key and the bad value.
        var inner = ex.InnerException is { } cause ? $" ({cause.Message})" : string.Empty;
        return $"{ex.Message}{inner}";
    }
}
