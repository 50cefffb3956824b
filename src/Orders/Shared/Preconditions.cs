using Google.Rpc;
using Grpc.Core;
using Lifecycle.Grpc.RichErrors;

namespace Lifecycle.Orders;

/// <summary>FAILED_PRECONDITION errors of this service, each with a PreconditionFailure naming the subject.</summary>
public static class Preconditions
{
    public static RpcException Failed(string type, string subject, string description) =>
        RpcExceptions.FailedPrecondition(type, subject, description);

    /// <summary>Several violations in one error, e.g. every cart line whose price changed.</summary>
    public static RpcException Failed(string message, IEnumerable<PreconditionFailure.Types.Violation> violations) =>
        RpcExceptions.Create(Code.FailedPrecondition, message, new PreconditionFailure { Violations = { violations } });
}
