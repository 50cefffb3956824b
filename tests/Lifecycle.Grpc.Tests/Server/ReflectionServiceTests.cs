using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class ReflectionServiceTests : IAsyncLifetime
{
    private GrpcTestServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await GrpcTestServer.StartAsync();
        http = server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData("grpc.reflection.v1")]
    [InlineData("grpc.reflection.v1alpha")]
    public async Task List_services_names_every_mapped_service(string version)
    {
        var response = await AskAsync(version, new ServerReflectionRequest { ListServices = "" });

        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("lifecycle.testing.v1.EchoService", names);
        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1.ServerReflection", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);
    }

    [Theory]
    [InlineData("grpc.reflection.v1", "lifecycle.testing.v1.EchoService")]
    [InlineData("grpc.reflection.v1alpha", "lifecycle.testing.v1.EchoService")]
    [InlineData("grpc.reflection.v1", "lifecycle.testing.v1.EchoService.Chat")]
    [InlineData("grpc.reflection.v1", "lifecycle.testing.v1.ExpandRequest")]
    [InlineData("grpc.reflection.v1", "grpc.health.v1.HealthCheckResponse.ServingStatus")]
    public async Task File_containing_symbol_returns_a_descriptor_that_defines_it(string version, string symbol)
    {
        var response = await AskAsync(version, new ServerReflectionRequest { FileContainingSymbol = symbol });

        var files = FileDescriptor.BuildFromByteStrings(response.FileDescriptorResponse.FileDescriptorProto.Reverse());
        Assert.Contains(symbol, files.SelectMany(SymbolsOf));
    }

    [Fact]
    public async Task File_by_filename_includes_transitive_dependencies()
    {
        var symbolAnswer = await AskAsync("grpc.reflection.v1", new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" });
        var name = FileDescriptorProto.Parser.ParseFrom(symbolAnswer.FileDescriptorResponse.FileDescriptorProto[0]).Name;

        var response = await AskAsync("grpc.reflection.v1", new ServerReflectionRequest { FileByFilename = name });

        Assert.Equal("grpc/health/v1/health.proto", name);
        Assert.Equal(name, FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]).Name);
    }

    [Theory]
    [InlineData("grpc.reflection.v1")]
    [InlineData("grpc.reflection.v1alpha")]
    public async Task Unknown_symbol_and_extension_are_NOT_FOUND(string version)
    {
        var symbol = await AskAsync(version, new ServerReflectionRequest { FileContainingSymbol = "nobody.v1.Nothing" });
        var extension = await AskAsync(version, new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = "lifecycle.testing.v1.EchoRequest", ExtensionNumber = 100 } });

        Assert.Equal(5, symbol.ErrorResponse.ErrorCode);
        Assert.Equal(5, extension.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task All_extension_numbers_of_a_known_type_is_an_empty_list()
    {
        var response = await AskAsync("grpc.reflection.v1", new ServerReflectionRequest { AllExtensionNumbersOfType = "lifecycle.testing.v1.EchoRequest" });

        Assert.Equal("lifecycle.testing.v1.EchoRequest", response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    private static IEnumerable<string> SymbolsOf(FileDescriptor file) =>
        file.Services.SelectMany(s => s.Methods.Select(m => m.FullName).Prepend(s.FullName))
            .Concat(file.MessageTypes.SelectMany(SymbolsOf))
            .Concat(file.EnumTypes.Select(e => e.FullName));

    private static IEnumerable<string> SymbolsOf(MessageDescriptor message) =>
        message.NestedTypes.SelectMany(SymbolsOf).Concat(message.EnumTypes.Select(e => e.FullName)).Prepend(message.FullName);

    /// <summary>Asks one question on a reflection stream; v1alpha messages are wire-identical to v1, so v1 types read both.</summary>
    private async Task<ServerReflectionResponse> AskAsync(string version, ServerReflectionRequest request)
    {
        await using var call = new RawGrpcClient(http).StartStreaming($"/{version}.ServerReflection/ServerReflectionInfo");
        await call.WriteAsync(request);
        call.CompleteRequest();
        var response = await call.ReadAsync(ServerReflectionResponse.Parser);
        var rest = await call.FinishAsync();
        Assert.Equal(0, rest.GrpcStatus);
        Assert.NotNull(response);
        Assert.Equal(request, response.OriginalRequest);
        return response;
    }
}
