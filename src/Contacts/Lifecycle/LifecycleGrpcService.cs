using Grpc.Core;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Grpc.RichErrors;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>lifecycle.contacts.v1.LifecycleService: the stage model, manual moves and stage history.</summary>
public sealed class LifecycleGrpcService(ContactsDbContext db, StageModelStore models, ManualStageMove manualMove, PageTokens pageTokens)
    : LifecycleService.LifecycleServiceBase
{
    public override async Task<GetStageModelResponse> GetStageModel(GetStageModelRequest request, ServerCallContext context)
    {
        var (model, version) = await models.GetAsync(context.CancellationToken);
        return new GetStageModelResponse { Model = model.ToApi(version) };
    }

    public override async Task<ReplaceStageModelResponse> ReplaceStageModel(ReplaceStageModelRequest request, ServerCallContext context)
    {
        var errors = RpcExceptions.BadRequest();
        var model = StageModelMapper.FromApi(request.Model, errors);
        errors.ThrowIfAny();
        foreach (var (field, description) in StageModelValidator.Validate(model))
        {
            errors.AddViolation(field, description);
        }
        errors.ThrowIfAny("The stage model is invalid.");
        var stages = model.Stages.Select(s => s.Id).ToList();
        // Removing a stage that still holds contacts would strand them outside the model.
        var stranded = await db.Contacts.Where(c => !stages.Contains(c.Stage)).Select(c => c.Stage).Distinct().ToListAsync(context.CancellationToken);
        if (stranded.Count > 0)
        {
            throw RpcExceptions.FailedPrecondition("STAGE_IN_USE", "stage-model", $"Contacts are still in removed stages: {string.Join(", ", stranded)}.");
        }
        var version = await models.ReplaceAsync(model, context.CancellationToken);
        return new ReplaceStageModelResponse { Model = model.ToApi(version) };
    }

    public override async Task<MoveContactStageResponse> MoveContactStage(MoveContactStageRequest request, ServerCallContext context) =>
        new() { Transition = (await manualMove.MoveAsync(request, context.CancellationToken)).ToApi() };

    public override async Task<ListStageTransitionsResponse> ListStageTransitions(ListStageTransitionsRequest request, ServerCallContext context)
    {
        var id = ContactIds.Parse(request.ContactId, "contact_id");
        RpcExceptions.BadRequest().AddViolationIf(request.PageSize is < 0 or > ContactListQuery.MaxPageSize, "page_size", "must be between 0 and 200").ThrowIfAny();
        var pageSize = request.PageSize == 0 ? ContactListQuery.DefaultPageSize : request.PageSize;
        var offset = pageTokens.ReadOffset(request.PageToken, $"transitions={id}");
        var page = await db.StageTransitions.AsNoTracking().Where(t => t.ContactId == id)
            .OrderBy(t => t.OccurredAt).ThenBy(t => t.Id).Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListStageTransitionsResponse();
        response.Transitions.AddRange(page.Take(pageSize).Select(t => t.ToApi()));
        if (page.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Create(offset + pageSize, $"transitions={id}");
        }
        return response;
    }
}
