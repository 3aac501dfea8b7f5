using System.Buffers;
using System.Text.Json;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>Builds OKX's REST envelope <c>{"code":"0","msg":"","data":[…]}</c> as UTF-8.</summary>
internal static class OkxJson
{
    /// <summary>A success envelope whose data items <paramref name="writeItems"/> writes (into the open array).</summary>
    /// <param name="writeItems">Writes the data items.</param>
    /// <param name="code">The envelope's code.</param>
    /// <param name="msg">The envelope's message.</param>
    /// <param name="inTimeUs">When given, OKX's <c>inTime</c>/<c>outTime</c> (Unix microseconds) of order entry answers.</param>
    /// <param name="outTimeUs">See <paramref name="inTimeUs"/>.</param>
    public static byte[] Data(Action<Utf8JsonWriter> writeItems, string code = "0", string msg = "", long? inTimeUs = null, long outTimeUs = 0)
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
            if (inTimeUs is { } inTime)
            {
                json.WriteString("inTime", OkxText.Int(inTime));
                json.WriteString("outTime", OkxText.Int(outTimeUs));
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An error envelope.</summary>
    public static byte[] Error(string code, string msg) => Data(static _ => { }, code, msg);
}
