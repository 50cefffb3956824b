namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Keeps memberships current after committed contact changes (called by the change interceptor beside the snapshot
/// refresh). A failure is logged, not thrown: the change is already committed and the scheduled sweep repairs it.
/// </summary>
public sealed class SegmentRefresher(IServiceScopeFactory scopes, ILogger<SegmentRefresher> logger)
{
    public async Task RefreshAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ContactSegmentRefresh>().RunAsync(contactIds, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Segment membership refresh of {Count} contact(s) failed; the next sweep repairs it", contactIds.Count);
        }
    }
}
