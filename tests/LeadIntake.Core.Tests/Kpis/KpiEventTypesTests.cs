using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.Kpis.KpiEvents;

namespace LeadIntake.Core.Tests.Kpis;

public sealed class KpiEventTypesTests
{
    [Theory]
    [InlineData("captured", null, FunnelStep.Captured)]
    [InlineData("screened", "intent=commercial status=mql confidence=0.90", FunnelStep.Mql)]
    [InlineData("screened", "intent=spam status=spam confidence=0.99", FunnelStep.Spam)]
    [InlineData("screened", "intent=service status=routed_service confidence=0.80", FunnelStep.Service)]
    [InlineData("screened", "intent=hr status=routed_hr", FunnelStep.Hr)]
    [InlineData("screened", "intent=other status=routed_other", FunnelStep.Other)]
    [InlineData("screened", "intent=spam status=review", FunnelStep.Review)]
    [InlineData("assigned", "round robin", FunnelStep.Assigned)]
    [InlineData("accepted", null, FunnelStep.Accepted)]
    [InlineData("qualified_sql", null, FunnelStep.Sql)]
    [InlineData("qualified_sal", null, FunnelStep.Sal)]
    [InlineData("opportunity_created", null, FunnelStep.Opportunity)]
    [InlineData("won", null, FunnelStep.Won)]
    [InlineData("lost", "price", FunnelStep.Lost)]
    [InlineData("nurtured", "returned_by_rep", FunnelStep.Nurture)]
    [InlineData("recycled", "no_progress: no progress in sql for 30 days", FunnelStep.Nurture)]
    [InlineData("disqualified", "no_budget", FunnelStep.Nurture)]
    [InlineData("disqualified", "spam", FunnelStep.Spam)]
    [InlineData("disqualified", "duplicate", FunnelStep.Lost)]
    [InlineData("disqualified", "wrong_person", FunnelStep.Lost)]
    [InlineData("retouched", null, FunnelStep.Mql)]
    [InlineData("returned_to_sales", "correction: commercial (was routed_service)", FunnelStep.Mql)]
    [InlineData("released", "released from quarantine", FunnelStep.Released)]
    [InlineData("spam_confirmed", null, FunnelStep.Spam)]
    [InlineData("sla_reminded", "alice@corp.test", FunnelStep.SlaBreach)]
    [InlineData("sla_escalated", "alice@corp.test", FunnelStep.SlaBreach)]
    public void Classify_reads_each_stage_event(string type, string? detail, FunnelStep expected) =>
        Assert.Equal(expected, KpiEventTypes.Classify(new LeadEvent(WireNames.Parse<LeadEventType>(type), Start, "x", detail)));

    [Theory]
    [InlineData("touch", null)]
    [InlineData("bant_recorded", "missing: budget")]
    [InlineData("rep_notified", "routed-lead")]
    [InlineData("screened", "no status here")]
    [InlineData("disqualified", "not_a_reason")]
    public void Classify_ignores_events_that_are_no_funnel_step(string type, string? detail) =>
        Assert.Null(KpiEventTypes.Classify(new LeadEvent(WireNames.Parse<LeadEventType>(type), Start, "x", detail)));

    [Fact]
    public void KeyOf_is_the_same_for_a_redelivered_event_and_differs_between_events_of_one_save()
    {
        Assert.Equal(KpiEventTypes.KeyOf(Sql(Start)), KpiEventTypes.KeyOf(Sql(Start)));
        Assert.NotEqual(KpiEventTypes.KeyOf(Sql(Start)), KpiEventTypes.KeyOf(Sal(Start)));
        Assert.NotEqual(KpiEventTypes.KeyOf(Sql(Start)), KpiEventTypes.KeyOf(Sql(Start.AddTicks(1))));
    }

    [Fact]
    public void KeyOf_holds_no_character_a_table_key_refuses() =>
        Assert.DoesNotContain(KpiEventTypes.KeyOf(SlaReminded(Start)), c => c is '/' or '\\' or '#' or '?' or '@' || char.IsControl(c));
}
