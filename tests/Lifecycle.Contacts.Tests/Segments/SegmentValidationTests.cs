using Grpc.Core;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using static Lifecycle.Contacts.Tests.Segments.Rules;

namespace Lifecycle.Contacts.Tests.Segments;

/// <summary>Bad rules fail with INVALID_ARGUMENT whose field paths point at the exact condition and field.</summary>
[Collection(ContactsCollection.Name)]
public sealed class SegmentValidationTests(ContactsInfrastructure infrastructure)
{
    [Fact]
    public async Task Invalid_rules_name_the_exact_condition_and_field()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        Task CreateAsync(SegmentRules rules, string name = "Segment") =>
            host.Segments.CreateSegmentAsync(new() { Segment = Segment(name, rules) }).ResponseAsync;

        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[2].stage_in.stages[1]", () => CreateAsync(All(Locale("en"), Consent(ConsentChannel.Email), StageIn("purchase", "nirvana"))));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[0].last_purchase.days_ago.min", () => CreateAsync(All(LastPurchase(Min(-1)))));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[0].revenue.amount_minor.min", () => CreateAsync(All(Revenue("EUR", Between(10, 5)))));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[0].revenue.currency", () => CreateAsync(All(Revenue("euro", Min(1)))));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[0].churn_risk.risk", () => CreateAsync(All(ChurnRisk(new Bounds()))));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[1]", () => CreateAsync(All(Locale("en"), new SegmentCondition())));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[0].locale.locales[0]", () => CreateAsync(All(Locale(new string('x', 300)))));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[0].interactions.custom_type",
            () => CreateAsync(All(new SegmentCondition { Interactions = new() { Type = InteractionType.Custom, Count = Min(1) } })));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions[0].rfm.recency.max", () => CreateAsync(All(new SegmentCondition { Rfm = new() { Recency = Max(6) } })));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions", () => CreateAsync(All()));
        await RpcAssert.InvalidFieldAsync("segment.rules.conditions", () => CreateAsync(All([.. Enumerable.Repeat(Locale("en"), 21)])));
        await RpcAssert.InvalidFieldAsync("segment.name", () => CreateAsync(All(Locale("en")), name: " "));
        await RpcAssert.InvalidFieldAsync("rules.conditions[0].email_domain.domains[0]",
            () => host.Segments.PreviewSegmentAsync(new() { Rules = All(new SegmentCondition { EmailDomain = new() { Domains = { "not a domain" } } }) }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("update_mask",
            () => host.Segments.UpdateSegmentAsync(new() { Segment = new() { Id = Guid.NewGuid().ToString() }, UpdateMask = new() { Paths = { "member_count" } } }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Segments.UpdateSegmentAsync(new()
        {
            Segment = new() { Id = Guid.NewGuid().ToString(), Name = "x" },
            UpdateMask = new() { Paths = { "name" } },
        }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("segment_id", () => host.Contacts.ListContactsAsync(new() { SegmentId = "not-a-uuid" }).ResponseAsync);
    }
}
