using System.Collections;
using Lifecycle.Contracts.Events;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>
/// Every concrete event record of Lifecycle.Contracts, each with every property set to a distinct non-default value, so
/// a round trip that drops or mangles any field shows. A property type not handled here fails loudly: extend it.
/// </summary>
public static class SampleEvents
{
    public static IReadOnlyList<Type> AllTypes { get; } = typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(IntegrationEvent)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static IntegrationEvent Of(Type type, int seed)
    {
        var sample = (IntegrationEvent)Activator.CreateInstance(type)!;
        var n = seed * 100;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
        {
            n++;
            property.SetValue(sample, ValueFor(property.PropertyType, property.Name, n));
        }
        return sample;
    }

    /// <summary>Every property equal, lists element by element (a record compares its lists by reference).</summary>
    public static void AssertSameFields(IntegrationEvent expected, IntegrationEvent actual)
    {
        Assert.IsType(expected.GetType(), actual);
        foreach (var property in expected.GetType().GetProperties())
        {
            var (want, got) = (property.GetValue(expected), property.GetValue(actual));
            if (want is IEnumerable list and not string)
            {
                Assert.Equal(list.Cast<object?>(), Assert.IsAssignableFrom<IEnumerable>(got).Cast<object?>());
            }
            else if (want is DateTimeOffset when)
            {
                // DateTimeOffset equality ignores the offset: the offset must survive too.
                Assert.Equal((when, when.Offset), (Assert.IsType<DateTimeOffset>(got), ((DateTimeOffset)got).Offset));
            }
            else
            {
                Assert.True(Equals(want, got), $"{expected.GetType().Name}.{property.Name}: sent {want}, received {got}");
            }
        }
    }

    private static object ValueFor(Type type, string name, int n) => type switch
    {
        _ when type == typeof(string) => $"{name}-{n}-ü€\"<>",
        _ when type == typeof(long) => 9_007_199_254_740_993L + n,
        _ when type == typeof(int) => n,
        _ when type == typeof(bool) => true,
        _ when type == typeof(Guid) => Guid.NewGuid(),
        // A non-UTC offset and sub-millisecond ticks: both must survive.
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567 + n),
        _ when type == typeof(IReadOnlyList<string>) => new[] { $"{name}-a", $"{name}-b" },
        _ when type == typeof(IReadOnlyList<OrderLine>) => new[] { new OrderLine($"sku-{n}", 2, 1999), new OrderLine($"sku-{n + 1}", 1, 5) },
        _ => throw new NotSupportedException($"SampleEvents has no value for {type} ({name}): add one"),
    };
}
