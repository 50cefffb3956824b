using Lifecycle.Contacts.Segments;
using Lifecycle.Grpc.RichErrors;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Turns a ListContacts request into a filtered, ordered query; invalid filters fail as INVALID_ARGUMENT.</summary>
public static class ContactListQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The canonical form of the filters and order, which a page token is bound to.</summary>
    public static string Canonical(Api.ListContactsRequest request) =>
        $"stage={request.Stage}&query={request.Query.Trim().ToLowerInvariant()}&order={request.OrderBy.Trim().ToLowerInvariant()}"
        // Appended only when set, so tokens issued before the segment filter existed stay valid.
        + (request.SegmentId.Length > 0 ? $"&segment={request.SegmentId.Trim().ToLowerInvariant()}" : "");

    /// <summary>The segment the request filters by, if any; a malformed id is a violation on segment_id.</summary>
    public static Guid? SegmentId(Api.ListContactsRequest request, BadRequestBuilder errors)
    {
        if (request.SegmentId.Length == 0)
        {
            return null;
        }
        errors.AddViolationIf(!Guid.TryParse(request.SegmentId, out var id), "segment_id", "must be a segment id (UUID)");
        return id;
    }

    public static int PageSize(Api.ListContactsRequest request, BadRequestBuilder errors)
    {
        errors.AddViolationIf(request.PageSize is < 0 or > MaxPageSize, "page_size", $"must be between 0 and {MaxPageSize}");
        return request.PageSize == 0 ? DefaultPageSize : request.PageSize;
    }

    public static IQueryable<Contact> Apply(IQueryable<Contact> contacts, IQueryable<SegmentMemberRecord> members, Api.ListContactsRequest request, BadRequestBuilder errors)
    {
        if (request.Stage.Length > 0)
        {
            contacts = contacts.Where(c => c.Stage == request.Stage);
        }
        if (SegmentId(request, errors) is { } segmentId)
        {
            contacts = contacts.Where(c => members.Any(m => m.SegmentId == segmentId && m.ContactId == c.Id));
        }
        var text = request.Query.Trim().ToLowerInvariant();
        errors.AddViolationIf(text.Length > FieldLimits.ShortText, "query", $"must be at most {FieldLimits.ShortText} characters");
        if (text.Length > 0)
        {
            var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            contacts = contacts.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
        }
        return Order(contacts, request.OrderBy, errors);
    }

    private static IQueryable<Contact> Order(IQueryable<Contact> contacts, string orderBy, BadRequestBuilder errors)
    {
        var parts = orderBy.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var field = parts.Length > 0 ? parts[0] : "create_time";
        var descending = parts.Length == 2 && parts[1] == "desc";
        if (parts.Length > 2 || (parts.Length == 2 && !descending && parts[1] != "asc"))
        {
            errors.AddViolation("order_by", "must be a field optionally followed by asc or desc");
        }
        // Id breaks ties so that offsets address a stable sequence.
        IOrderedQueryable<Contact>? ordered = field switch
        {
            "create_time" => descending ? contacts.OrderByDescending(c => c.CreatedAt) : contacts.OrderBy(c => c.CreatedAt),
            "email" => descending ? contacts.OrderByDescending(c => c.EmailNormalized) : contacts.OrderBy(c => c.EmailNormalized),
            "family_name" => descending ? contacts.OrderByDescending(c => c.FamilyName) : contacts.OrderBy(c => c.FamilyName),
            "stage_since" => descending ? contacts.OrderByDescending(c => c.StageSince) : contacts.OrderBy(c => c.StageSince),
            _ => null,
        };
        if (ordered is null)
        {
            errors.AddViolation("order_by", "must be one of create_time, email, family_name, stage_since");
            return contacts;
        }
        return ordered.ThenBy(c => c.Id);
    }
}
