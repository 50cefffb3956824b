namespace Lifecycle.Grpc.Tests.Server;

/// <summary>The HTTP/2 paths of the echo service's methods.</summary>
internal static class EchoPaths
{
    public const string Echo = "/lifecycle.testing.v1.EchoService/Echo";
    public const string Expand = "/lifecycle.testing.v1.EchoService/Expand";
    public const string Collect = "/lifecycle.testing.v1.EchoService/Collect";
    public const string Chat = "/lifecycle.testing.v1.EchoService/Chat";
}
