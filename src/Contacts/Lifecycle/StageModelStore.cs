using System.Text.Json;
using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>
/// Reads and replaces the stage model in force; the default model applies until one is stored. Scoped: the model is
/// read once per unit of work (an API call, or an inbox batch of up to a few hundred events) and reused by every
/// rule evaluation in it, as if the whole unit ran at the moment of that read. A replacement by this store is seen at
/// once; one made elsewhere meanwhile applies from the next unit of work.
/// </summary>
public sealed class StageModelStore(ContactsDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private (StageModel Model, long Version)? current;

    public async Task<(StageModel Model, long Version)> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } known)
        {
            return known;
        }
        var stored = await db.StageModels.AsNoTracking().SingleOrDefaultAsync(m => m.Id == StoredStageModel.CurrentId, cancellationToken);
        current = stored is null
            ? (DefaultStageModel.Create(), 0)
            : (JsonSerializer.Deserialize<StageModel>(stored.Json, Json)!, stored.Version);
        return current.Value;
    }

    /// <summary>Stores a validated model; the version check makes two concurrent replacements fail one of them.</summary>
    public async Task<long> ReplaceAsync(StageModel model, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(model, Json);
        var now = time.UtcNowMicroseconds();
        var stored = await db.StageModels.SingleOrDefaultAsync(m => m.Id == StoredStageModel.CurrentId, cancellationToken);
        if (stored is null)
        {
            stored = new StoredStageModel { Id = StoredStageModel.CurrentId, Json = json, Version = 1, UpdatedAt = now };
            db.StageModels.Add(stored);
        }
        else
        {
            stored.Json = json;
            stored.Version++;
            stored.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        current = (model, stored.Version);
        return stored.Version;
    }
}
