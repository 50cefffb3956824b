using Google.Protobuf.WellKnownTypes;

namespace Lifecycle.Orders;

/// <summary>UTC DateTime to protobuf Timestamp.</summary>
public static class Timestamps
{
    public static Timestamp From(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Timestamp? From(DateTime? utc) => utc is { } value ? From(value) : null;
}
