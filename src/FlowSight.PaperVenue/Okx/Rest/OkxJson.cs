using System.Buffers;
using System.Text.Json;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>Builds OKX's REST envelope <c>{"code":"0","msg":"","data":[…]}</c> as UTF-8.</summary>
internal static class OkxJson
{
    /// <summary>A success envelope whose data items <paramref name="writeItems"/> writes (into the open array).</summary>
    public static byte[] Data(Action<Utf8JsonWriter> writeItems, string code = "0", string msg = "")
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("msg", msg);
            json.WriteStartArray("data");
            writeItems(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An error envelope.</summary>
    public static byte[] Error(string code, string msg) => Data(static _ => { }, code, msg);
}
