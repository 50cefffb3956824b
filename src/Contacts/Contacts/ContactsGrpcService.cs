using Grpc.Core;
using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Segments;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Grpc.RichErrors;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Contacts;

/// <summary>lifecycle.contacts.v1.ContactsService: create, get, update (field mask) and list contacts.</summary>
public sealed class ContactsGrpcService(ContactsDbContext db, ContactCreator creator, ContactUpdater updater, PageTokens pageTokens)
    : ContactsService.ContactsServiceBase
{
    public override async Task<CreateContactResponse> CreateContact(CreateContactRequest request, ServerCallContext context) =>
        new() { Contact = (await creator.CreateAsync(request, context.CancellationToken)).ToApi() };

    public override async Task<GetContactResponse> GetContact(GetContactRequest request, ServerCallContext context)
    {
        var id = ContactIds.Parse(request.Id, "id");
        var contact = await db.Contacts.Include(c => c.Consents).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw ContactIds.NotFound(id);
        return new GetContactResponse { Contact = contact.ToApi() };
    }

    public override async Task<UpdateContactResponse> UpdateContact(UpdateContactRequest request, ServerCallContext context) =>
        new() { Contact = (await updater.UpdateAsync(request, context.CancellationToken)).ToApi() };

    public override async Task<ListContactsResponse> ListContacts(ListContactsRequest request, ServerCallContext context)
    {
        var errors = RpcExceptions.BadRequest();
        var pageSize = ContactListQuery.PageSize(request, errors);
        var query = ContactListQuery.Apply(db.Contacts.AsNoTracking(), db.SegmentMembers, request, errors);
        errors.ThrowIfAny();
        if (ContactListQuery.SegmentId(request, errors) is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId, context.CancellationToken))
        {
            throw SegmentIds.NotFound(segmentId);
        }
        var canonical = ContactListQuery.Canonical(request);
        var offset = pageTokens.ReadOffset(request.PageToken, canonical);

        var total = await query.CountAsync(context.CancellationToken);
        // One row more than the page tells whether another page follows.
        var page = await query.Include(c => c.Consents).Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListContactsResponse { TotalSize = total };
        response.Contacts.AddRange(page.Take(pageSize).Select(c => c.ToApi()));
        if (page.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Create(offset + pageSize, canonical);
        }
        return response;
    }
}
