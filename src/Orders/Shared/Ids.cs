using Lifecycle.Grpc.RichErrors;

namespace Lifecycle.Orders;

/// <summary>Parses UUIDs from requests; a malformed one is INVALID_ARGUMENT on the named field.</summary>
public static class Ids
{
    public static Guid Parse(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw RpcExceptions.InvalidArgument(field, "must be a UUID");

    /// <summary>Adds a violation instead of throwing, for requests validated as a whole.</summary>
    public static Guid Parse(string value, string field, BadRequestBuilder errors)
    {
        errors.AddViolationIf(!Guid.TryParse(value, out var id), field, "must be a UUID");
        return id;
    }
}
