using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests;

/// <summary>Leads and times the dispatch and qualification tests build on.</summary>
internal static class SampleLeads
{
    public static readonly DateTimeOffset Monday = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static Lead Mql(
        string? email = "jeanne@fonderie-vosges.fr",
        string? phone = null,
        string? country = "FR",
        string? subject = null,
        string? message = "Bonjour, nous cherchons un devis.",
        Channel channel = Channel.Form,
        IReadOnlyDictionary<string, string>? extra = null,
        DateTimeOffset? at = null)
    {
        var now = at ?? Monday;
        var captured = new CapturedLead
        {
            Channel = channel,
            Provider = "web",
            Contact = new Contact { FirstName = "Jeanne", LastName = "Martin", Email = email, Phone = phone, Company = "Fonderie Vosges", Country = country },
            Subject = subject,
            Message = message,
            ExtraFields = extra ?? new Dictionary<string, string>(),
        };
        var (lead, _) = Lead.Capture(captured, LeadId.New(now), now);
        return lead.MovedTo(LeadStatus.Mql, now);
    }

    public static Lead InStatus(LeadStatus status, DateTimeOffset? at = null)
    {
        var lead = Mql(at: at);
        return lead.MovedTo(status, at ?? Monday) with
        {
            Assignment = new RepAssignment("alice@corp.test", "Alice", "test", at ?? Monday),
            AssignedTeam = "industry",
        };
    }
}
