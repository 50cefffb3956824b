using Grpc.Core;
using Lifecycle.Grpc.RichErrors;

namespace Lifecycle.Contacts.Segments;

/// <summary>Parses segment ids from requests; a malformed id is INVALID_ARGUMENT on the named field.</summary>
public static class SegmentIds
{
    public static Guid Parse(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw RpcExceptions.InvalidArgument(field, "must be a segment id (UUID)");

    public static RpcException NotFound(Guid id) => RpcExceptions.NotFound("segment", id.ToString());
}
