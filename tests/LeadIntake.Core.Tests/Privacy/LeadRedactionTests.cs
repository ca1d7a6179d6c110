using System.Text.Json;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Core.Tests.Privacy;

public sealed class LeadRedactionTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PurgedAt = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] PersonalData =
    [
        "Jeanne", "Martin", "jeanne.martin@fonderie-vosges.fr", "+33612345678", "06 12 34 56 78", "Fonderie Vosges", "Acheteuse",
        "devis pour trois presses", "Urgent devis", "fingerprint-abc", "recording.example/rec1", "transcript words",
        "need in the rep's words", "competitor name", "free note of the rep", "Directrice achats", "cv-jeanne.pdf", "secret-extra",
        "jeanne.martin%40fonderie-vosges.fr", "<CA123.jeanne.martin@fonderie-vosges.fr>",
    ];

    private static Lead FullLead()
    {
        var captured = new CapturedLead
        {
            Channel = Channel.Call,
            Provider = "twilio",
            ProviderEventId = "CA0001",
            Contact = new Contact
            {
                FirstName = "Jeanne", LastName = "Martin", Email = "jeanne.martin@fonderie-vosges.fr", Phone = "+33612345678",
                Company = "Fonderie Vosges", JobTitle = "Acheteuse", Country = "FR",
            },
            Subject = "Urgent devis",
            Message = "Bonjour, devis pour trois presses",
            Source = new SourceAttribution
            {
                UtmSource = "google", UtmMedium = "cpc", UtmCampaign = "presses-2026",
                PageUrl = "https://corp.example/contact?email=jeanne.martin%40fonderie-vosges.fr",
                Referrer = "https://search.example/?q=Jeanne+Martin",
            },
            Consent = new ConsentRecord(true, "v3", Captured),
            Signals = new AntiBotSignals { ClientFingerprint = "fingerprint-abc", TimeToSubmit = TimeSpan.FromSeconds(40) },
            ExtraFields = new Dictionary<string, string> { ["budget_note"] = "secret-extra" },
            Attachments = [new LeadAttachment("cv-jeanne.pdf", "application/pdf", 1200)],
            Call = new CallDetails
            {
                CallKey = "CA0001", State = CallState.Missed, From = "+33612345678", To = "+33100000000", DurationSeconds = 0,
                RecordingUrl = "https://recording.example/rec1", Transcript = "transcript words", StartedAt = Captured,
            },
        };
        var (lead, _) = Lead.Capture(captured, LeadId.New(Captured), Captured);
        return lead.MovedTo(LeadStatus.Mql, Captured.AddMinutes(1)).MovedTo(LeadStatus.Nurture, Captured.AddDays(1)) with
        {
            Intent = LeadIntent.Commercial,
            Screening = new ScreeningDecision(LeadIntent.Commercial, 0.9, 0.1, ["message mentions Jeanne Martin"], "r7") { ReasonCodes = ["commercial_words"], HasPhone = true },
            Assignment = new RepAssignment("alice@corp.test", "Alice", "round robin in industry", Captured.AddMinutes(2)),
            AssignedTeam = "industry",
            Bant = new BantRecord { Need = "need in the rep's words", Authority = new AuthorityAnswer(AuthorityLevel.DecisionMaker, "Directrice achats") },
            Disqualification = new Disqualification(DisqualifyReason.NoBudget, "free note of the rep", "alice@corp.test", Captured.AddDays(1)),
            NurtureReason = NurtureReason.NoBudget,
            LostToCompetitor = "competitor name",
            OriginalContact = new Contact { FullName = "Jeanne Martin", Phone = "06 12 34 56 78" },
            WonAmount = null,
        };
    }

    private static List<LeadEvent> History(Lead lead) =>
    [
        new(LeadEventType.Captured, Captured, "intake", "call/twilio"),
        new(LeadEventType.Screened, Captured.AddMinutes(1), "screening", "intent=commercial status=mql confidence=0.90 spamScore=0.10 reasons=1 rules=r7"),
        new(LeadEventType.Assigned, Captured.AddMinutes(2), "dispatch", "round robin in industry"),
        new(LeadEventType.Released, Captured.AddMinutes(3), "admin-key", "correction: not spam: Jeanne Martin is a customer"),
        new(LeadEventType.Disqualified, Captured.AddDays(1), "alice@corp.test", "no_budget"),
    ];

    [Fact]
    public void Skeleton_holds_none_of_the_personal_data_of_the_lead()
    {
        var skeleton = LeadRedaction.Skeleton(FullLead(), PurgeReason.Erasure, PurgedAt);

        // Relaxed escaping: the default writes '+' as \u002B, and a phone number would hide from the search.
        var json = JsonSerializer.Serialize(skeleton, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("+33100000000", json, StringComparison.Ordinal);
        foreach (var value in PersonalData) Assert.DoesNotContain(value, json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Skeleton_keeps_ids_stages_times_source_assignment_and_is_marked_purged()
    {
        var lead = FullLead();
        var skeleton = LeadRedaction.Skeleton(lead, PurgeReason.Retention, PurgedAt);

        Assert.Equal(lead.Id, skeleton.Id);
        Assert.Equal(LeadStatus.Nurture, skeleton.Status);
        Assert.Equal(lead.StageTimes, skeleton.StageTimes);
        Assert.Equal(lead.CapturedAt, skeleton.CapturedAt);
        Assert.Equal((Channel.Call, "twilio"), (skeleton.Channel, skeleton.Provider));
        Assert.Equal(("google", "cpc", "presses-2026"), (skeleton.Captured.Source.UtmSource, skeleton.Captured.Source.UtmMedium, skeleton.Captured.Source.UtmCampaign));
        Assert.Equal("https://corp.example/contact", skeleton.Captured.Source.PageUrl);
        Assert.Equal(LeadIntent.Commercial, skeleton.Intent);
        Assert.Equal(["commercial_words"], skeleton.Screening!.ReasonCodes);
        Assert.Equal(lead.Assignment, skeleton.Assignment);
        Assert.Equal("industry", skeleton.AssignedTeam);
        Assert.Equal(AuthorityLevel.DecisionMaker, skeleton.Bant!.Authority!.Level);
        Assert.Equal(DisqualifyReason.NoBudget, skeleton.Disqualification!.Reason);
        Assert.Equal(("CA0001", "+33100000000", true), (skeleton.Captured.Call!.CallKey, skeleton.Captured.Call.To, skeleton.Captured.Call.HasVoicemail));
        Assert.Equal(lead.Captured.Consent, skeleton.Captured.Consent);
        Assert.Equal(new PurgeRecord(PurgedAt, PurgeReason.Retention), skeleton.Purged);
    }

    [Fact]
    public void Skeleton_and_redacted_events_give_the_same_KPI_contributions_as_the_lead()
    {
        var lead = FullLead();
        var history = History(lead);
        var skeleton = LeadRedaction.Skeleton(lead, PurgeReason.Erasure, PurgedAt);
        var redacted = history.Select(LeadRedaction.Redact).Append(new LeadEvent(LeadEventType.Purged, PurgedAt, LeadRedaction.Actor, "erasure")).ToList();

        var before = LeadKpiContributions.Compute(LeadKpiProfile.Of(lead), history, KpiCalendar.Default);
        var after = LeadKpiContributions.Compute(LeadKpiProfile.Of(skeleton), redacted, KpiCalendar.Default);

        Assert.NotEmpty(before);
        Assert.Equal(before.OrderBy(c => c.Key.ToString()), after.OrderBy(c => c.Key.ToString()));
    }

    [Fact]
    public void Redact_cuts_an_admins_reason_from_a_release_and_keeps_machine_details()
    {
        var history = History(FullLead());

        var redacted = history.Select(LeadRedaction.Redact).ToList();

        Assert.Equal("correction: not spam", redacted[3].Detail);
        Assert.Equal(history.Where(e => e.Type != LeadEventType.Released), redacted.Where(e => e.Type != LeadEventType.Released));
    }

    [Fact]
    public void Decide_purges_once_then_leaves_a_purged_lead_unchanged()
    {
        var first = LeadRedaction.Decide(FullLead(), PurgeReason.Erasure, PurgedAt);
        var applied = Assert.IsType<LeadChange.Applied>(first.Change);
        Assert.Equal([new LeadEvent(LeadEventType.Purged, PurgedAt, "privacy", "erasure")], applied.Events);

        var second = LeadRedaction.Decide(applied.Lead, PurgeReason.Erasure, PurgedAt.AddHours(1));

        Assert.IsType<LeadChange.Unchanged>(second.Change);
        Assert.Empty(second.Next);
    }
}
