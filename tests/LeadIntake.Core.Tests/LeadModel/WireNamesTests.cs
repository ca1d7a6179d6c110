using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.LeadModel;

public sealed class WireNamesTests
{
    [Fact]
    public void Statuses_use_the_contract_words() =>
        Assert.Equal(
            ["captured", "spam", "routed_service", "routed_hr", "routed_other", "mql", "assigned", "accepted", "sql", "sal", "opportunity", "won", "lost", "nurture", "review"],
            WireNames.All<LeadStatus>());

    [Fact]
    public void Intents_use_the_contract_words() =>
        Assert.Equal(["commercial", "service", "hr", "other", "spam"], WireNames.All<LeadIntent>());

    [Fact]
    public void Parsing_is_case_insensitive_and_refuses_unknown_words()
    {
        Assert.Equal(LeadStatus.RoutedHr, WireNames.Parse<LeadStatus>("ROUTED_HR"));
        Assert.False(WireNames.TryParse<LeadStatus>("routedhr", out _));
    }
}
