using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Grpc.RichErrors;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Segments;

/// <summary>Creates segments, idempotent by request_id, and fills them by evaluating every contact.</summary>
public sealed class SegmentCreator(ContactsDbContext db, StageModelStore models, SegmentEvaluation evaluation, TimeProvider time)
{
    public async Task<SegmentRecord> CreateAsync(Api.CreateSegmentRequest request, CancellationToken cancellationToken)
    {
        var input = request.Segment ?? new Api.Segment();
        var (model, _) = await models.GetAsync(cancellationToken);
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(request.RequestId.Length > FieldLimits.RequestId, "request_id", $"must be at most {FieldLimits.RequestId} characters");
        SegmentValidator.Validate(input, SegmentValidator.All, model, errors);
        errors.ThrowIfAny();

        var requestId = request.RequestId.Length > 0 ? request.RequestId : null;
        if (requestId is not null && await FindByRequestAsync(requestId, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        var now = time.UtcNowMicroseconds();
        var segment = new SegmentRecord
        {
            Id = Guid.CreateVersion7(),
            Name = input.Name.Trim(),
            Description = input.Description.Length > 0 ? input.Description : null,
            RulesJson = SegmentMapper.ToJson(input.Rules),
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            CreateRequestId = requestId,
        };
        db.Segments.Add(segment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (requestId is not null)
        {
            // A concurrent retry of the same request won the unique request_id index: its segment is ours.
            db.ChangeTracker.Clear();
            return await FindByRequestAsync(requestId, cancellationToken) ?? throw new InvalidOperationException("Segment insert failed without a concurrent retry");
        }
        await evaluation.RunAsync(segment.Id, cancellationToken);
        return await db.Segments.AsNoTracking().SingleAsync(s => s.Id == segment.Id, cancellationToken);
    }

    private Task<SegmentRecord?> FindByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.CreateRequestId == requestId, cancellationToken);
}
