using System.Text;
using RabbitMQ.Client;

namespace Lifecycle.Messaging.DeadLetters;

/// <summary>Reads the MT-Fault-* headers MassTransit adds when it dead-letters a message.</summary>
internal static class FaultHeaders
{
    public const string Prefix = "MT-Fault-";
    public const string Reason = "MT-Reason";

    public static DeadLetter Describe(IReadOnlyBasicProperties properties, int bodyBytes)
    {
        var headers = properties.Headers;
        return new DeadLetter(
            properties.MessageId,
            Text(headers, "MT-MessageType") ?? properties.Type,
            Text(headers, Prefix + "ExceptionType"),
            Text(headers, Prefix + "Message"),
            Text(headers, Prefix + "Timestamp"),
            bodyBytes);
    }

    /// <summary>The original headers without the fault annotations, so a replayed message looks like the first delivery.</summary>
    public static Dictionary<string, object?> WithoutFault(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>())
            .Where(h => !h.Key.StartsWith(Prefix, StringComparison.Ordinal) && h.Key != Reason)
            .ToDictionary(h => h.Key, h => h.Value);

    private static string? Text(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => value.ToString(),
            }
            : null;
}
