using System.Text.Json;

namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>Writes runs of string fields (OKX sends every value as a string).</summary>
internal static class OkxWriterFields
{
    /// <summary>Writes <c>"name":"value"</c> pairs into the open object.</summary>
    public static void Strings(Utf8JsonWriter json, params ReadOnlySpan<(string Name, string Value)> pairs)
    {
        foreach (var (name, value) in pairs)
        {
            json.WriteString(name, value);
        }
    }
}
