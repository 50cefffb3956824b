using Grpc.Core;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Grpc.RichErrors;

namespace Lifecycle.Contacts.Timeline;

/// <summary>lifecycle.contacts.v1.TimelineService: a contact's interactions, stage changes and orders in time order.</summary>
public sealed class TimelineGrpcService(TimelineQuery query, PageTokens pageTokens) : TimelineService.TimelineServiceBase
{
    public override async Task<GetTimelineResponse> GetTimeline(GetTimelineRequest request, ServerCallContext context)
    {
        var id = ContactIds.Parse(request.ContactId, "contact_id");
        RpcExceptions.BadRequest()
            .AddViolationIf(request.PageSize is < 0 or > ContactListQuery.MaxPageSize, "page_size", "must be between 0 and 200")
            .AddViolationIf(!Enum.IsDefined(request.Direction), "direction", "is not a known direction")
            .ThrowIfAny();
        var pageSize = request.PageSize == 0 ? ContactListQuery.DefaultPageSize : request.PageSize;
        var newestFirst = request.Direction != TimelineDirection.OldestFirst;
        // The token is bound to the direction too: an offset into one order means nothing in the other.
        var scope = $"timeline={id};newest={newestFirst}";
        var offset = pageTokens.ReadOffset(request.PageToken, scope);
        var items = await query.ReadAsync(id, newestFirst, offset + pageSize + 1, context.CancellationToken);
        var response = new GetTimelineResponse();
        response.Entries.AddRange(items.Skip(offset).Take(pageSize).Select(i => i.Entry));
        if (items.Count > offset + pageSize)
        {
            response.NextPageToken = pageTokens.Create(offset + pageSize, scope);
        }
        return response;
    }
}
