namespace FlowSight.TestServers.Okx;

/// <summary>CRC-32 (IEEE 802.3, as zlib) for the server's own <c>books</c> checksums; independent of the client's code.</summary>
internal static class OkxCrc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>OKX's checksum: the CRC-32 of the text, read as a signed 32-bit integer.</summary>
    public static int Compute(ReadOnlySpan<byte> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in text)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return unchecked((int)~crc);
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
