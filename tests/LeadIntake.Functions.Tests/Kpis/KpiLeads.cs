using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Tests.Kpis;

/// <summary>Leads written through the app's own lead store (the decorated one), stage by stage, as the handlers do.</summary>
internal sealed class KpiLeads(ILeadStore store)
{
    public async Task<StoredLead> CaptureAsync(DateTimeOffset at, string utmSource = "google", string? utmCampaign = null, Channel channel = Channel.Form)
    {
        var captured = new CapturedLead
        {
            Channel = channel,
            Provider = "web",
            Contact = new Contact { FirstName = "Jeanne", LastName = "Martin", Email = "jeanne@fonderie-vosges.example", Phone = "+33329551240" },
            Message = "Bonjour, nous cherchons un devis.",
            Source = new SourceAttribution { UtmSource = utmSource, UtmCampaign = utmCampaign },
        };
        var (lead, first) = Lead.Capture(captured, LeadId.New(at), at);
        Assert.True(await store.TryCreateAsync(lead, first, CancellationToken.None));
        return (await store.FindAsync(lead.Id, CancellationToken.None))!;
    }

    public async Task<StoredLead> MoveAsync(StoredLead stored, LeadStatus status, DateTimeOffset at, string eventType, string? detail = null, string? rep = null)
    {
        var lead = stored.Lead.MovedTo(status, at);
        if (rep is not null) lead = lead with { Assignment = new RepAssignment(rep, "Rep", "test", at) };
        return await store.SaveAsync(stored, lead, [new LeadEvent(WireNames.Parse<LeadEventType>(eventType), at, "test", detail)], CancellationToken.None);
    }

    /// <summary>Captured, screened MQL, assigned, accepted, SQL, SAL, opportunity, won: one step a few minutes after the other.</summary>
    public async Task<StoredLead> WonAsync(DateTimeOffset at, string utmSource = "google", string rep = "alice@corp.example")
    {
        var s = await CaptureAsync(at, utmSource);
        s = await MoveAsync(s, LeadStatus.Mql, at.AddMinutes(1), "screened", "intent=commercial status=mql confidence=0.90");
        s = await MoveAsync(s, LeadStatus.Assigned, at.AddMinutes(2), "assigned", "round robin", rep);
        s = await MoveAsync(s, LeadStatus.Accepted, at.AddMinutes(4), "accepted");
        s = await MoveAsync(s, LeadStatus.Sql, at.AddHours(1), "qualified_sql");
        s = await MoveAsync(s, LeadStatus.Sal, at.AddHours(2), "qualified_sal");
        s = await MoveAsync(s, LeadStatus.Opportunity, at.AddDays(1), "opportunity_created");
        return await MoveAsync(s, LeadStatus.Won, at.AddDays(2), "won");
    }
}
