using System.Buffers.Binary;
using System.IO.Compression;

namespace CspBot.Deployment.Tests.Support;

/// <summary>Just enough of a PNG reader to check Teams' icon rules: size from IHDR, and RGBA pixels.</summary>
public sealed class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private Png(int width, int height, byte bitDepth, byte colorType, byte[] idat)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColorType = colorType;
        Idat = idat;
    }

    public int Width { get; }

    public int Height { get; }

    public byte BitDepth { get; }

    /// <summary>6 = truecolour with alpha.</summary>
    public byte ColorType { get; }

    private byte[] Idat { get; }

    public static Png Read(byte[] bytes)
    {
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        var idat = new MemoryStream();
        int width = 0, height = 0;
        byte depth = 0, type = 0;
        for (var at = 8; at + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var chunk = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (chunk == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8];
                type = data[9];
            }
            else if (chunk == "IDAT")
            {
                idat.Write(data);
            }

            at += length + 12;
        }

        if (width == 0)
        {
            throw new InvalidDataException("PNG has no IHDR chunk");
        }

        return new Png(width, height, depth, type, idat.ToArray());
    }

    /// <summary>The pixels as RGBA rows (8-bit RGBA images only), with every PNG row filter undone.</summary>
    public byte[] Rgba()
    {
        if (BitDepth != 8 || ColorType != 6)
        {
            throw new NotSupportedException($"only 8-bit RGBA is decoded (bit depth {BitDepth}, colour type {ColorType})");
        }

        using var inflater = new ZLibStream(new MemoryStream(Idat), CompressionMode.Decompress);
        var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var data = raw.ToArray();
        var stride = Width * 4;
        var pixels = new byte[Height * stride];
        for (var y = 0; y < Height; y++)
        {
            var filter = data[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= 4 ? pixels[(y * stride) + x - 4] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int c = x >= 4 && y > 0 ? pixels[((y - 1) * stride) + x - 4] : 0;
                int value = data[(y * (stride + 1)) + 1 + x];
                pixels[(y * stride) + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + ((a + b) / 2),
                    4 => value + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter}"),
                });
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
