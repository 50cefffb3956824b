using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Lifecycle.Grpc.RichErrors;

/// <summary>Collects field violations, then fails the call with INVALID_ARGUMENT and a google.rpc.BadRequest detail.</summary>
public sealed class BadRequestBuilder
{
    private readonly BadRequest badRequest = new();

    public bool HasViolations => badRequest.FieldViolations.Count > 0;

    /// <summary>Records that <paramref name="field"/> (a path such as "address.zip") is invalid and why.</summary>
    public BadRequestBuilder AddViolation(string field, string description)
    {
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return this;
    }

    /// <summary>Adds the violation only when <paramref name="isInvalid"/> is true, for validation written as a list of rules.</summary>
    public BadRequestBuilder AddViolationIf(bool isInvalid, string field, string description) =>
        isInvalid ? AddViolation(field, description) : this;

    public RpcException ToRpcException(string? message = null)
    {
        var fields = string.Join(", ", badRequest.FieldViolations.Select(v => v.Field));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = message ?? $"The request has invalid fields: {fields}.",
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    /// <summary>Throws when any violation was recorded; does nothing otherwise.</summary>
    public void ThrowIfAny(string? message = null)
    {
        if (HasViolations)
        {
            throw ToRpcException(message);
        }
    }
}
