using Google.Rpc;
using Grpc.Core;
using Lifecycle.Grpc.Protocol;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class RichErrorTests
{
    [Fact]
    public async Task Bad_request_travels_as_status_details_matching_grpc_status_and_reads_back_as_field_violations()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = ScriptedEchoService.Invalid });

        var trailers = new Metadata();
        MetadataHeaders.AddDecoded(trailers, "grpc-status-details-bin", response.Header("grpc-status-details-bin"));
        var exception = new RpcException(new global::Grpc.Core.Status((StatusCode)response.GrpcStatus!.Value, response.GrpcMessage!), trailers);
        var status = exception.GetRpcStatus();

        Assert.Equal(3, response.GrpcStatus);
        Assert.NotNull(status);
        Assert.Equal(3, status.Code);
        Assert.Equal(response.GrpcMessage, status.Message);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(["email", "name"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal("must be a valid address", badRequest.FieldViolations[0].Description);
    }

    [Fact]
    public void Helpers_set_the_status_code_and_the_matching_detail()
    {
        var notFound = RpcExceptions.NotFound("contact", "contacts/42").GetRpcStatus();
        var quota = RpcExceptions.ResourceExhausted("partner:acme", "100 redemptions per minute").GetRpcStatus();
        var denied = RpcExceptions.PermissionDenied("MISSING_SCOPE", "loyalty.lifecycle", "redeem scope required").GetRpcStatus();
        var precondition = RpcExceptions.FailedPrecondition("STAGE", "contacts/42", "contact is churned").GetRpcStatus();

        Assert.Equal((int)Code.NotFound, notFound!.Code);
        Assert.Equal("contacts/42", notFound.GetDetail<ResourceInfo>()?.ResourceName);
        Assert.Equal("partner:acme", quota!.GetDetail<QuotaFailure>()?.Violations[0].Subject);
        Assert.Equal("MISSING_SCOPE", denied!.GetDetail<ErrorInfo>()?.Type);
        Assert.NotNull(precondition);
        Assert.Equal("STAGE", precondition.GetDetail<PreconditionFailure>()?.Violations[0].Type);
        Assert.Null(precondition.GetDetail<BadRequest>());
    }

    [Fact]
    public void Builder_without_violations_does_not_throw()
    {
        var builder = RpcExceptions.BadRequest().AddViolationIf(false, "email", "must be a valid address");

        builder.ThrowIfAny();

        Assert.False(builder.HasViolations);
    }
}
