using System.Text.Json;
using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Reads and replaces the stage model in force; the default model applies until one is stored.</summary>
public sealed class StageModelStore(ContactsDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(StageModel Model, long Version)> GetAsync(CancellationToken cancellationToken)
    {
        var stored = await db.StageModels.AsNoTracking().SingleOrDefaultAsync(m => m.Id == StoredStageModel.CurrentId, cancellationToken);
        return stored is null
            ? (DefaultStageModel.Create(), 0)
            : (JsonSerializer.Deserialize<StageModel>(stored.Json, Json)!, stored.Version);
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
        return stored.Version;
    }
}
