using System.IO.Compression;

namespace Grpc.Net.Compression;

/// <summary>A message compression algorithm named by grpc-encoding.</summary>
public interface ICompressionProvider
{
    /// <summary>The grpc-encoding name, e.g. "gzip".</summary>
    string EncodingName { get; }

    Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel);

    Stream CreateDecompressionStream(Stream stream);
}
