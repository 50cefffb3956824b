using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Timeline;

/// <summary>One timeline entry with its sort keys: time, then kind (interactions and orders before the stage changes they cause).</summary>
public sealed record TimelineItem(DateTime At, int KindRank, Api.TimelineEntry Entry);
