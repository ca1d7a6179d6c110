using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Core.Screening;

namespace LeadIntake.Core.Tests.Privacy;

public sealed class ErasureMatchTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly string? Email = ContactKeys.ForEmail("ana@example.com");
    private static readonly string? Phone = ContactKeys.ForPhone("+33612345678");

    private static Lead LeadOf(Contact contact, CallDetails? call = null) =>
        Lead.Capture(new CapturedLead { Channel = call is null ? Channel.Form : Channel.Call, Provider = "web", Contact = contact, Call = call }, LeadId.New(At), At).Lead;

    [Fact]
    public void A_lead_with_the_requested_email_matches_whatever_its_case()
    {
        Assert.True(ErasureMatch.Matches(LeadOf(new Contact { Email = "Ana@Example.com" }), Email, null));
    }

    [Fact]
    public void A_lead_sharing_the_phone_but_with_another_email_is_another_person()
    {
        var colleague = LeadOf(new Contact { Email = "bo@example.com", Phone = "+33612345678" });

        Assert.False(ErasureMatch.Matches(colleague, Email, Phone));
        Assert.True(ErasureMatch.Matches(colleague, null, Phone));
    }

    [Fact]
    public void A_call_from_the_requested_number_without_an_email_is_the_persons()
    {
        var call = LeadOf(new Contact(), new CallDetails { CallKey = "CA1", From = "+33612345678" });

        Assert.True(ErasureMatch.Matches(call, Email, Phone));
    }

    [Fact]
    public void A_purged_lead_or_a_lead_of_someone_else_never_matches()
    {
        var lead = LeadOf(new Contact { Email = "ana@example.com" });

        Assert.False(ErasureMatch.Matches(LeadRedaction.Skeleton(lead, PurgeReason.Erasure, At), Email, Phone));
        Assert.False(ErasureMatch.Matches(LeadOf(new Contact { Email = "cy@example.com" }), Email, Phone));
    }
}
