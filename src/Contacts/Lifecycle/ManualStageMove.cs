using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Grpc.RichErrors;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>A person moves a contact by hand: the move must be allowed by the model and carry a reason and an actor.</summary>
public sealed class ManualStageMove(ContactsDbContext db, StageModelStore models, StageMover mover)
{
    public async Task<StageTransitionRecord> MoveAsync(Api.MoveContactStageRequest request, CancellationToken cancellationToken)
    {
        var id = ContactIds.Parse(request.ContactId, "contact_id");
        var (model, _) = await models.GetAsync(cancellationToken);
        RpcExceptions.BadRequest()
            .AddViolationIf(!model.HasStage(request.ToStage), "to_stage", $"'{request.ToStage}' is not a stage of the model")
            .AddViolationIf(string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > FieldLimits.LongText, "reason", "is required, at most 1000 characters")
            .AddViolationIf(string.IsNullOrWhiteSpace(request.Actor) || request.Actor.Length > FieldLimits.ShortText, "actor", "is required, at most 200 characters")
            .ThrowIfAny();

        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ContactIds.NotFound(id);
        if (contact.Stage == request.ToStage)
        {
            throw RpcExceptions.FailedPrecondition("STAGE", $"contacts/{id}", $"The contact is already in '{request.ToStage}'.");
        }
        if (!model.Allows(contact.Stage, request.ToStage))
        {
            throw RpcExceptions.FailedPrecondition("TRANSITION", $"contacts/{id}", $"The model does not allow '{contact.Stage}' → '{request.ToStage}'.");
        }
        var record = mover.Move(contact, request.ToStage, request.Reason.Trim(), ruleId: null, request.Actor.Trim(), eventId: null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RpcExceptions.Create(Google.Rpc.Code.Aborted, "The contact changed concurrently; read it again and retry.");
        }
        return record;
    }
}
