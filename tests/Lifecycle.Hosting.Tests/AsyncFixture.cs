namespace Lifecycle.Hosting.Tests;

/// <summary>Lets a test own a fixture with `await using`, so it is disposed even when an assert fails.</summary>
internal sealed class AsyncFixture<T>(T value) : IAsyncDisposable where T : IAsyncLifetime
{
    public T Value { get; } = value;

    public async ValueTask DisposeAsync() => await Value.DisposeAsync();
}
