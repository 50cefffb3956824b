using Google.Protobuf;
using Grpc.Core;

namespace Lifecycle.ServiceDefaults.Clients;

/// <summary>
/// Decides which calls may be sent again after a failure: unary reads (by the API naming rules of DESIGN.md §4) and
/// mutations carrying a non-empty request_id, which the server deduplicates. Streaming calls never are: a replay
/// could repeat messages the caller already consumed or sent.
/// </summary>
public static class IdempotentCalls
{
    public const string RequestIdField = "request_id";

    private static readonly string[] ReadPrefixes = ["Get", "List", "BatchGet", "Search"];

    public static bool IsRetryable(IMethod method, object? request)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Type == MethodType.Unary && (IsRead(method.Name) || HasRequestId(request));
    }

    private static bool IsRead(string methodName) =>
        ReadPrefixes.Any(prefix => methodName.StartsWith(prefix, StringComparison.Ordinal)
            && (methodName.Length == prefix.Length || char.IsUpper(methodName[prefix.Length])));

    private static bool HasRequestId(object? request)
    {
        if (request is not IMessage message || message.Descriptor.FindFieldByName(RequestIdField) is not { } field)
        {
            return false;
        }

        return field.Accessor.GetValue(message) switch
        {
            string text => text.Length > 0,
            ByteString bytes => !bytes.IsEmpty,
            _ => false,
        };
    }
}
