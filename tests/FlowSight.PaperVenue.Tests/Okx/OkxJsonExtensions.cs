using System.Globalization;
using System.Text.Json;

namespace FlowSight.PaperVenue.Tests.Okx;

internal static class OkxJsonExtensions
{
    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static decimal Dec(this JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static JsonElement Data(this JsonElement element, int index = 0) => element.GetProperty("data")[index];

    public static int DataCount(this JsonElement element) => element.GetProperty("data").GetArrayLength();
}
