using System.Linq.Expressions;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>
/// The contacts created in a period, each with the acquisition value it is grouped by: the named field, else the
/// UTM parameter that carries the same meaning (source ← utm_source, channel ← utm_medium, campaign ← utm_campaign),
/// else empty. Erasure keeps acquisition data, so erased contacts stay in their group.
/// </summary>
public static class AcquisitionCohort
{
    public static IQueryable<CohortMember> Of(ContactsDbContext db, ReportPeriod period, Api.AcquisitionGroupBy groupBy) =>
        db.Contacts.Where(c => c.CreatedAt >= period.Start && c.CreatedAt < period.End).Select(GroupValue(groupBy));

    private static Expression<Func<Contact, CohortMember>> GroupValue(Api.AcquisitionGroupBy groupBy) => groupBy switch
    {
        Api.AcquisitionGroupBy.Channel => c => new CohortMember { ContactId = c.Id, Value = c.Acquisition.Channel ?? c.Acquisition.UtmMedium ?? "" },
        Api.AcquisitionGroupBy.Campaign => c => new CohortMember { ContactId = c.Id, Value = c.Acquisition.Campaign ?? c.Acquisition.UtmCampaign ?? "" },
        _ => c => new CohortMember { ContactId = c.Id, Value = c.Acquisition.Source ?? c.Acquisition.UtmSource ?? "" },
    };
}

/// <summary>One acquired contact and its group's value.</summary>
public sealed class CohortMember
{
    public Guid ContactId { get; init; }

    public required string Value { get; init; }
}
