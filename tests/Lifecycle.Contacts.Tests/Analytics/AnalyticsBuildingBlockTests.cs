using Lifecycle.Contacts.Analytics;
using Lifecycle.Contacts.Lifecycle;

namespace Lifecycle.Contacts.Tests.Analytics;

public sealed class AnalyticsBuildingBlockTests
{
    [Fact]
    public void The_median_is_the_middle_stay_or_the_mean_of_the_middle_two_and_absent_without_stays()
    {
        var lengths = new StayLengths();
        Assert.Null(lengths.Median());

        foreach (var hours in new[] { 9, 1, 5 })
        {
            lengths.Add(TimeSpan.FromHours(hours));
        }
        Assert.Equal(TimeSpan.FromHours(5), lengths.Median());

        lengths.Add(TimeSpan.FromHours(8));
        Assert.Equal(TimeSpan.FromHours(6.5), lengths.Median());
    }

    [Fact]
    public void Stages_follow_the_model_and_stages_only_in_history_follow_by_id()
    {
        var catalog = new StageCatalog(DefaultStageModel.Create(), ["retention", "zz_legacy", "lead", "awareness", "lead"]);

        Assert.Equal(
            ["awareness", "engagement", "evaluation", "purchase", "retention", "advocacy", "at_risk", "churned", "lead", "zz_legacy"],
            catalog.Stages.Select(s => s.Id));
        Assert.Equal("lead", catalog.Stages[8].DisplayName);
        Assert.Equal(9, catalog.OrderOf("zz_legacy"));
    }
}
