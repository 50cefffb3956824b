using Grpc.Core;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Grpc.RichErrors;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Segments;

/// <summary>lifecycle.contacts.v1.SegmentService: segments, previews of unsaved rules and paged membership.</summary>
public sealed class SegmentGrpcService(
    ContactsDbContext db, SegmentCreator creator, SegmentUpdater updater, StageModelStore models, SegmentRuleCompiler compiler, SegmentEvaluator evaluator, PageTokens pageTokens)
    : Api.SegmentService.SegmentServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int DefaultSampleSize = 10;
    public const int MaxSampleSize = 50;

    public override async Task<Api.CreateSegmentResponse> CreateSegment(Api.CreateSegmentRequest request, ServerCallContext context)
    {
        var segment = await creator.CreateAsync(request, context.CancellationToken);
        return new() { Segment = segment.ToApi(await MemberCountAsync(segment.Id, context.CancellationToken)) };
    }

    public override async Task<Api.GetSegmentResponse> GetSegment(Api.GetSegmentRequest request, ServerCallContext context)
    {
        var segment = await FindAsync(SegmentIds.Parse(request.Id, "id"), context.CancellationToken);
        return new() { Segment = segment.ToApi(await MemberCountAsync(segment.Id, context.CancellationToken)) };
    }

    public override async Task<Api.ListSegmentsResponse> ListSegments(Api.ListSegmentsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize(request.PageSize);
        var offset = pageTokens.ReadOffset(request.PageToken, "segments");
        var total = await db.Segments.CountAsync(context.CancellationToken);
        var page = await db.Segments.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Skip(offset).Take(pageSize + 1)
            .Select(s => new { Segment = s, Members = db.SegmentMembers.Count(m => m.SegmentId == s.Id) })
            .ToListAsync(context.CancellationToken);
        var response = new Api.ListSegmentsResponse { TotalSize = total };
        response.Segments.AddRange(page.Take(pageSize).Select(p => p.Segment.ToApi(p.Members)));
        if (page.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Create(offset + pageSize, "segments");
        }
        return response;
    }

    public override async Task<Api.UpdateSegmentResponse> UpdateSegment(Api.UpdateSegmentRequest request, ServerCallContext context)
    {
        var segment = await updater.UpdateAsync(request, context.CancellationToken);
        return new() { Segment = segment.ToApi(await MemberCountAsync(segment.Id, context.CancellationToken)) };
    }

    public override async Task<Api.DeleteSegmentResponse> DeleteSegment(Api.DeleteSegmentRequest request, ServerCallContext context)
    {
        var id = SegmentIds.Parse(request.Id, "id");
        // The segment first, so refreshes stop seeing it; membership rows a racing refresh adds are swept as orphans.
        if (await db.Segments.Where(s => s.Id == id).ExecuteDeleteAsync(context.CancellationToken) == 0)
        {
            throw SegmentIds.NotFound(id);
        }
        await db.SegmentMembers.Where(m => m.SegmentId == id).ExecuteDeleteAsync(context.CancellationToken);
        return new();
    }

    public override async Task<Api.PreviewSegmentResponse> PreviewSegment(Api.PreviewSegmentRequest request, ServerCallContext context)
    {
        var (model, _) = await models.GetAsync(context.CancellationToken);
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(request.SampleSize is < 0 or > MaxSampleSize, "sample_size", $"must be between 0 and {MaxSampleSize}");
        SegmentRuleValidator.Validate(request.Rules, "rules", model, errors);
        errors.ThrowIfAny();

        var sampleSize = request.SampleSize == 0 ? DefaultSampleSize : request.SampleSize;
        var (count, sampleIds) = await evaluator.CountAndSampleAsync(await compiler.CompileAsync(request.Rules, context.CancellationToken), sampleSize, context.CancellationToken);
        var response = new Api.PreviewSegmentResponse { Count = count };
        response.Sample.AddRange((await ContactsAsync(sampleIds, context.CancellationToken)).Select(c => c.ToApi()));
        return response;
    }

    public override async Task<Api.ListSegmentMembersResponse> ListSegmentMembers(Api.ListSegmentMembersRequest request, ServerCallContext context)
    {
        var id = SegmentIds.Parse(request.SegmentId, "segment_id");
        var pageSize = PageSize(request.PageSize);
        var canonical = $"segment={id}";
        var offset = pageTokens.ReadOffset(request.PageToken, canonical);
        await FindAsync(id, context.CancellationToken);

        var members = db.SegmentMembers.AsNoTracking().Where(m => m.SegmentId == id);
        var total = await members.CountAsync(context.CancellationToken);
        // Join order then contact id: a stable sequence for offsets, oldest members first.
        var page = await members.OrderBy(m => m.Since).ThenBy(m => m.ContactId).Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var contacts = (await ContactsAsync(page.Take(pageSize).Select(m => m.ContactId).ToList(), context.CancellationToken)).ToDictionary(c => c.Id);
        var response = new Api.ListSegmentMembersResponse { TotalSize = total };
        response.Members.AddRange(page.Take(pageSize).Where(m => contacts.ContainsKey(m.ContactId)).Select(m => new Api.SegmentMember
        {
            Contact = contacts[m.ContactId].ToApi(),
            JoinTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(m.Since),
        }));
        if (page.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Create(offset + pageSize, canonical);
        }
        return response;
    }

    private static int PageSize(int requested)
    {
        RpcExceptions.BadRequest().AddViolationIf(requested is < 0 or > MaxPageSize, "page_size", $"must be between 0 and {MaxPageSize}").ThrowIfAny();
        return requested == 0 ? DefaultPageSize : requested;
    }

    private async Task<SegmentRecord> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw SegmentIds.NotFound(id);

    private Task<int> MemberCountAsync(Guid id, CancellationToken cancellationToken) => db.SegmentMembers.CountAsync(m => m.SegmentId == id, cancellationToken);

    /// <summary>The contacts with these ids, in the order of the ids.</summary>
    private async Task<List<Contact>> ContactsAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await db.Contacts.Include(c => c.Consents).AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }
}
