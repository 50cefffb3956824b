using Google.Rpc;
using Grpc.Core;

namespace Lifecycle.Orders.Tests.Infrastructure;

/// <summary>Assertions on failed calls and their google.rpc details.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, failure.StatusCode);
        return failure;
    }

    /// <summary>INVALID_ARGUMENT whose BadRequest names <paramref name="field"/>.</summary>
    public static async Task InvalidFieldAsync(string field, Func<Task> call)
    {
        var failure = await FailsAsync(StatusCode.InvalidArgument, call);
        var badRequest = failure.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest.FieldViolations, v => v.Field == field);
    }

    /// <summary>FAILED_PRECONDITION whose PreconditionFailure has a violation of <paramref name="type"/>.</summary>
    public static async Task PreconditionAsync(string type, Func<Task> call)
    {
        var failure = await FailsAsync(StatusCode.FailedPrecondition, call);
        var details = failure.GetRpcStatus()?.GetDetail<PreconditionFailure>();
        Assert.NotNull(details);
        Assert.Contains(details.Violations, v => v.Type == type);
    }
}
