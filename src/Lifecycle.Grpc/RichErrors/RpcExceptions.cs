using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Lifecycle.Grpc.RichErrors;

/// <summary>
/// Failures that carry google.rpc error details in grpc-status-details-bin, so clients can act on them:
/// <c>throw RpcExceptions.InvalidArgument("email", "must be a valid address");</c>
/// </summary>
public static class RpcExceptions
{
    /// <summary>Starts collecting field violations for one INVALID_ARGUMENT.</summary>
    public static BadRequestBuilder BadRequest() => new();

    public static RpcException InvalidArgument(string field, string description) =>
        BadRequest().AddViolation(field, description).ToRpcException($"Invalid {field}: {description}");

    /// <summary>NOT_FOUND with a ResourceInfo naming what was looked for.</summary>
    public static RpcException NotFound(string resourceType, string resourceName, string? description = null) =>
        Create(Code.NotFound, description ?? $"{resourceType} '{resourceName}' was not found.", new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = description ?? "" });

    /// <summary>ALREADY_EXISTS with a ResourceInfo naming the existing resource.</summary>
    public static RpcException AlreadyExists(string resourceType, string resourceName, string? description = null) =>
        Create(Code.AlreadyExists, description ?? $"{resourceType} '{resourceName}' already exists.", new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = description ?? "" });

    /// <summary>FAILED_PRECONDITION with one PreconditionFailure violation (type e.g. "STAGE", subject e.g. "contacts/42").</summary>
    public static RpcException FailedPrecondition(string type, string subject, string description) =>
        Create(Code.FailedPrecondition, description, new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = description } } });

    /// <summary>PERMISSION_DENIED with an ErrorInfo (reason in UPPER_SNAKE_CASE, domain e.g. "loyalty.lifecycle").</summary>
    public static RpcException PermissionDenied(string reason, string domain, string message, IDictionary<string, string>? metadata = null) =>
        Create(Code.PermissionDenied, message, CreateErrorInfo(reason, domain, metadata));

    /// <summary>UNAUTHENTICATED with an ErrorInfo.</summary>
    public static RpcException Unauthenticated(string reason, string domain, string message, IDictionary<string, string>? metadata = null) =>
        Create(Code.Unauthenticated, message, CreateErrorInfo(reason, domain, metadata));

    /// <summary>RESOURCE_EXHAUSTED with a QuotaFailure (subject e.g. "partner:acme").</summary>
    public static RpcException ResourceExhausted(string subject, string description) =>
        Create(Code.ResourceExhausted, description, new QuotaFailure { Violations = { new QuotaFailure.Types.Violation { Subject = subject, Description = description } } });

    /// <summary>Any status code with any details.</summary>
    public static RpcException Create(Code code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }

    private static ErrorInfo CreateErrorInfo(string reason, string domain, IDictionary<string, string>? metadata)
    {
        // CommonProtos 2.0.0 still names field 1 "type"; today's error_details.proto calls the same field "reason".
        var info = new ErrorInfo { Type = reason, Domain = domain };
        if (metadata is not null)
        {
            info.Metadata.Add(metadata);
        }

        return info;
    }
}
