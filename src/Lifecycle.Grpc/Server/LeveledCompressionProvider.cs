using System.IO.Compression;
using Grpc.Net.Compression;

namespace Lifecycle.Grpc.Server;

/// <summary>Applies GrpcServiceOptions.ResponseCompressionLevel to a provider the framing layer calls without a level.</summary>
internal sealed class LeveledCompressionProvider(ICompressionProvider inner, CompressionLevel? level) : ICompressionProvider
{
    public string EncodingName => inner.EncodingName;

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        inner.CreateCompressionStream(stream, compressionLevel ?? level);

    public Stream CreateDecompressionStream(Stream stream) => inner.CreateDecompressionStream(stream);
}
