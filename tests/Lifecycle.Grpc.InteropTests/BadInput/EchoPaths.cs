namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>HTTP/2 paths of the echo contract's methods, as a hand-made request addresses them.</summary>
public static class EchoPaths
{
    public const string Echo = "/lifecycle.testing.v1.EchoService/Echo";
    public const string Collect = "/lifecycle.testing.v1.EchoService/Collect";
    public const string Chat = "/lifecycle.testing.v1.EchoService/Chat";
}
