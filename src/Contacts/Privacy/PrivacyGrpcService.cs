using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Privacy;

/// <summary>lifecycle.contacts.v1.PrivacyService: GDPR export and erasure.</summary>
public sealed class PrivacyGrpcService(ContactExporter exporter, ContactEraser eraser) : PrivacyService.PrivacyServiceBase
{
    public override async Task<ExportContactResponse> ExportContact(ExportContactRequest request, ServerCallContext context) =>
        new() { Export = await exporter.ExportAsync(ContactIds.Parse(request.ContactId, "contact_id"), context.CancellationToken) };

    public override async Task<EraseContactResponse> EraseContact(EraseContactRequest request, ServerCallContext context)
    {
        var (contact, alreadyErased) = await eraser.EraseAsync(ContactIds.Parse(request.ContactId, "contact_id"), context.CancellationToken);
        return new EraseContactResponse
        {
            ContactId = contact.Id.ToString(),
            EraseTime = Timestamp.FromDateTime(contact.ErasedAt!.Value),
            AlreadyErased = alreadyErased,
        };
    }
}
