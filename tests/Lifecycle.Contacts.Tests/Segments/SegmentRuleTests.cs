using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using static Lifecycle.Contacts.Tests.Segments.Rules;

namespace Lifecycle.Contacts.Tests.Segments;

/// <summary>Each condition family and ALL vs ANY, through PreviewSegment over two contacts that differ in everything.</summary>
[Collection(ContactsCollection.Name)]
public sealed class SegmentRuleTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_condition_family_selects_exactly_the_matching_contacts(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var (ann, bob) = await TwoContactsAsync(host);
        async Task<string[]> SelectAsync(params SegmentCondition[] conditions)
        {
            var preview = await host.Segments.PreviewSegmentAsync(new() { Rules = All(conditions) });
            Assert.Equal(preview.Count, preview.Sample.Count);
            return [.. preview.Sample.Select(c => c.Id == ann ? "ann" : c.Id == bob ? "bob" : c.Id).Order()];
        }

        // Attributes.
        Assert.Equal(["ann"], await SelectAsync(new SegmentCondition { Attribute = new() { Attribute = ContactAttribute.AcquisitionSource, Values = { "GOOGLE" } } }));
        Assert.Equal(["bob"], await SelectAsync(Locale("de")));
        Assert.Equal(["ann"], await SelectAsync(new SegmentCondition { EmailDomain = new() { Domains = { "Acme.io" } } }));
        Assert.Equal(["bob"], await SelectAsync(new SegmentCondition { PhonePrefix = new() { Prefixes = { "+49" } } }));
        Assert.Equal(["ann"], await SelectAsync(new SegmentCondition { ExternalId = new() { System = "shop" } }));
        Assert.Empty(await SelectAsync(new SegmentCondition { ExternalId = new() { System = "crm" } }));
        Assert.Equal(["ann", "bob"], await SelectAsync(new SegmentCondition { Created = new() { DaysAgo = Max(1) } }));
        // Stage.
        Assert.Equal(["ann"], await SelectAsync(StageIn("purchase")));
        Assert.Equal(["bob"], await SelectAsync(StageIn("engagement", "evaluation")));
        Assert.Equal(["ann", "bob"], await SelectAsync(new SegmentCondition { DaysInStage = new() { Days = Max(1) } }));
        Assert.Empty(await SelectAsync(new SegmentCondition { DaysInStage = new() { Days = Min(1) } }));
        // Consent.
        Assert.Equal(["ann"], await SelectAsync(Consent(ConsentChannel.Email)));
        Assert.Equal(["bob"], await SelectAsync(Consent(ConsentChannel.Email, granted: false)));
        // Value.
        Assert.Equal(["ann"], await SelectAsync(Revenue("EUR", Min(6000))));
        Assert.Equal(["bob"], await SelectAsync(Revenue("EUR", Max(0))));
        Assert.Empty(await SelectAsync(Revenue("USD", Min(1))));
        Assert.Equal(["ann"], await SelectAsync(new SegmentCondition { AverageOrder = new() { Currency = "EUR", AmountMinor = Between(3000, 3000) } }));
        Assert.Equal(["bob"], await SelectAsync(new SegmentCondition { OrderCount = new() { Count = Max(0) } }));
        Assert.Equal(["ann"], await SelectAsync(LastPurchase(Max(1))));
        Assert.Empty(await SelectAsync(LastPurchase(Min(1))));
        Assert.Equal(["ann"], await SelectAsync(new SegmentCondition { Rfm = new() { Recency = Min(5), Frequency = Between(2, 2), Monetary = Between(2, 2) } }));
        Assert.Equal(["bob"], await SelectAsync(new SegmentCondition { Rfm = new() { Recency = Max(1) } }));
        Assert.Equal(["ann", "bob"], await SelectAsync(ChurnRisk(Max(0))));
        // Behaviour.
        Assert.Equal(["bob"], await SelectAsync(new SegmentCondition { Interactions = new() { Type = InteractionType.PageView, Count = Min(2), WithinDays = 7 } }));
        Assert.Empty(await SelectAsync(new SegmentCondition { Interactions = new() { Type = InteractionType.PageView, Count = Min(3) } }));
        Assert.Equal(["ann"], await SelectAsync(new SegmentCondition { Interactions = new() { Type = InteractionType.Custom, CustomType = "webinar", Count = Min(1) } }));
        Assert.Equal(["ann", "bob"], await SelectAsync(new SegmentCondition { LastActivity = new() { DaysAgo = Max(1) } }));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task All_needs_every_condition_any_needs_one_also_with_churn_risk_decided_from_value_facts(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var (ann, bob) = await TwoContactsAsync(host);

        Assert.Equal(0, (await host.Segments.PreviewSegmentAsync(new() { Rules = All(StageIn("purchase"), Locale("de")) })).Count);
        Assert.Equal(2, (await host.Segments.PreviewSegmentAsync(new() { Rules = Any(StageIn("purchase"), Locale("de")) })).Count);
        var anyWithFacts = await host.Segments.PreviewSegmentAsync(new() { Rules = Any(ChurnRisk(Min(50)), Locale("de")) });
        Assert.Equal(bob, Assert.Single(anyWithFacts.Sample).Id);
        var allWithFacts = await host.Segments.PreviewSegmentAsync(new() { Rules = All(ChurnRisk(Max(10)), Locale("en")) });
        Assert.Equal(ann, Assert.Single(allWithFacts.Sample).Id);
        var sampleOfOne = await host.Segments.PreviewSegmentAsync(new() { Rules = Any(ChurnRisk(Max(0))), SampleSize = 1 });
        Assert.Equal((2, bob), (sampleOfOne.Count, Assert.Single(sampleOfOne.Sample).Id));
        var sqlSampleOfOne = await host.Segments.PreviewSegmentAsync(new() { Rules = Any(StageIn("purchase", "engagement")), SampleSize = 1 });
        Assert.Equal((2, bob), (sqlSampleOfOne.Count, Assert.Single(sqlSampleOfOne.Sample).Id));
    }

    /// <summary>
    /// Ann (en-GB, +44, google, email consent, shop id, two paid orders of 30 EUR, a webinar) is moved back to purchase;
    /// Bob (de-DE, +49, facebook, no consent, no ids, two page views) is in engagement and created second.
    /// </summary>
    public static async Task<(string Ann, string Bob)> TwoContactsAsync(ContactsHost host)
    {
        var annInput = ContactBuilder.Valid($"ann.{Guid.NewGuid():N}@acme.io");
        annInput.Phone = "+447700900123";
        var ann = (await host.Contacts.CreateContactAsync(ContactBuilder.Create(annInput))).Contact.Id;
        var bobInput = ContactBuilder.Valid($"bob.{Guid.NewGuid():N}@globex.com");
        (bobInput.Locale, bobInput.Phone, bobInput.Acquisition.Source) = ("de-DE", "+4915112345678", "facebook");
        bobInput.Consents.Clear();
        bobInput.ExternalIds.Clear();
        var bob = (await host.Contacts.CreateContactAsync(ContactBuilder.Create(bobInput))).Contact.Id;

        // Ten days apart, so Ann's usual gap between purchases (a churn-risk input) is ten days, not a few microseconds.
        await host.PublishAsync(OrderEvents.Paid(ann, amountMinor: 3000) with { OccurredAt = DateTimeOffset.UtcNow.AddDays(-10) });
        await Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = ann })).Contact.Stage, s => s == "purchase", "Ann's first purchase");
        await host.PublishAsync(OrderEvents.Paid(ann, amountMinor: 3000));
        await Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = ann })).Contact.Stage, s => s == "retention", "Ann's two purchases");
        await host.Lifecycle.MoveContactStageAsync(new() { ContactId = ann, ToStage = "purchase", Reason = "test: one step back", Actor = "test" });
        await host.Interactions.RecordInteractionAsync(new() { Interaction = new() { ContactId = ann, Type = InteractionType.Custom, CustomType = "webinar" } });
        foreach (var page in new[] { "/pricing", "/docs" })
        {
            await host.Interactions.RecordInteractionAsync(new() { Interaction = new() { ContactId = bob, Type = InteractionType.PageView, Detail = page } });
        }
        return (ann, bob);
    }
}
