using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Tests.Protocol;

public class GrpcMessageEncodingTests
{
    [Fact]
    public void Plain_ascii_is_left_alone() => Assert.Equal("not found", GrpcMessageEncoding.Encode("not found"));

    [Fact]
    public void Percent_and_unicode_are_encoded_as_utf8_bytes()
    {
        Assert.Equal("100%25 caf%C3%A9%0A", GrpcMessageEncoding.Encode("100% café\n"));
    }

    [Fact]
    public void Decode_reverses_encode() => Assert.Equal("Ω %x 😀", GrpcMessageEncoding.Decode(GrpcMessageEncoding.Encode("Ω %x 😀")));

    [Fact]
    public void Decode_keeps_malformed_escapes() => Assert.Equal("50%zz and %4", GrpcMessageEncoding.Decode("50%zz and %4"));
}
