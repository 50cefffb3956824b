using System.IO.Compression;

namespace Grpc.Net.Compression;

/// <summary>gzip message compression.</summary>
public sealed class GzipCompressionProvider(CompressionLevel defaultCompressionLevel = CompressionLevel.Fastest) : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? defaultCompressionLevel, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) => new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
}
