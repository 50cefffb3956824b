using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Grpc.RichErrors;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Segments;

/// <summary>Applies a field-masked update (name, description, rules); new rules re-evaluate every contact.</summary>
public sealed class SegmentUpdater(ContactsDbContext db, StageModelStore models, SegmentEvaluation evaluation, TimeProvider time)
{
    public async Task<SegmentRecord> UpdateAsync(Api.UpdateSegmentRequest request, CancellationToken cancellationToken)
    {
        var input = request.Segment ?? throw RpcExceptions.InvalidArgument("segment", "is required");
        var id = SegmentIds.Parse(input.Id, "segment.id");
        var paths = Paths(request);
        var (model, _) = await models.GetAsync(cancellationToken);
        var errors = RpcExceptions.BadRequest();
        SegmentValidator.Validate(input, paths, model, errors);
        errors.ThrowIfAny();

        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw SegmentIds.NotFound(id);
        var rulesJson = paths.Contains(SegmentValidator.Rules) ? SegmentMapper.ToJson(input.Rules) : segment.RulesJson;
        var rulesChanged = rulesJson != segment.RulesJson;
        var name = paths.Contains(SegmentValidator.Name) ? input.Name.Trim() : segment.Name;
        var description = paths.Contains(SegmentValidator.Description) ? (input.Description.Length > 0 ? input.Description : null) : segment.Description;
        if (!rulesChanged && name == segment.Name && description == segment.Description)
        {
            return segment;
        }
        (segment.Name, segment.Description, segment.RulesJson) = (name, description, rulesJson);
        segment.Version++;
        segment.UpdatedAt = time.UtcNowMicroseconds();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RpcExceptions.Create(Google.Rpc.Code.Aborted, "The segment changed concurrently; read it and update again.");
        }
        if (rulesChanged)
        {
            await evaluation.RunAsync(segment.Id, cancellationToken);
        }
        return await db.Segments.AsNoTracking().SingleAsync(s => s.Id == segment.Id, cancellationToken);
    }

    private static HashSet<string> Paths(Api.UpdateSegmentRequest request)
    {
        var paths = request.UpdateMask?.Paths ?? [];
        var errors = RpcExceptions.BadRequest().AddViolationIf(paths.Count == 0, "update_mask", "name at least one of name, description, rules");
        foreach (var path in paths.Where(p => !SegmentValidator.All.Contains(p)))
        {
            errors.AddViolation("update_mask", $"'{path}' is not an updatable field (name, description, rules)");
        }
        errors.ThrowIfAny();
        return [.. paths];
    }
}
