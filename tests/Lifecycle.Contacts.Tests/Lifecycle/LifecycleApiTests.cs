using Grpc.Core;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Tests.Lifecycle;

[Collection(ContactsCollection.Name)]
public sealed class LifecycleApiTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Manual_moves_forward_and_backward_are_recorded_with_reason_and_actor(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;

        await host.Lifecycle.MoveContactStageAsync(new() { ContactId = contact.Id, ToStage = "evaluation", Reason = "asked for a demo", Actor = "sales@acme.io" });
        var back = (await host.Lifecycle.MoveContactStageAsync(new() { ContactId = contact.Id, ToStage = "engagement", Reason = "demo cancelled", Actor = "sales@acme.io" })).Transition;

        Assert.Equal(("evaluation", "engagement", "demo cancelled", "sales@acme.io"), (back.FromStage, back.ToStage, back.Reason, back.Actor));
        Assert.Equal("engagement", (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage);
        Assert.Equal(3, (await host.Lifecycle.ListStageTransitionsAsync(new() { ContactId = contact.Id })).Transitions.Count);
    }

    [Fact]
    public async Task Disallowed_or_unknown_moves_fail_with_precondition_or_field_violations()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => host.Lifecycle.MoveContactStageAsync(
            new() { ContactId = contact.Id, ToStage = "churned", Reason = "never bought", Actor = "ops" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => host.Lifecycle.MoveContactStageAsync(
            new() { ContactId = contact.Id, ToStage = "awareness", Reason = "again", Actor = "ops" }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("to_stage", () => host.Lifecycle.MoveContactStageAsync(
            new() { ContactId = contact.Id, ToStage = "vip", Reason = "big spender", Actor = "ops" }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("reason", () => host.Lifecycle.MoveContactStageAsync(
            new() { ContactId = contact.Id, ToStage = "engagement", Actor = "ops" }).ResponseAsync);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_model_is_readable_replaceable_and_rejects_unreachable_stages(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var model = (await host.Lifecycle.GetStageModelAsync(new())).Model;
        Assert.Equal(8, model.Stages.Count);

        var invalid = model.Clone();
        invalid.Stages.Add(new Stage { Id = "vip", DisplayName = "VIP" });
        await RpcAssert.InvalidFieldAsync("model.stages", () => host.Lifecycle.ReplaceStageModelAsync(new() { Model = invalid }).ResponseAsync);

        var valid = invalid.Clone();
        valid.Transitions.Add(new StageTransitionRule { FromStage = "advocacy", ToStage = "vip" });
        var replaced = (await host.Lifecycle.ReplaceStageModelAsync(new() { Model = valid })).Model;
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;

        Assert.Equal(1, replaced.Version);
        Assert.Contains((await host.Lifecycle.GetStageModelAsync(new())).Model.Stages, s => s.Id == "vip");
        Assert.Equal("awareness", contact.Stage);
    }
}
