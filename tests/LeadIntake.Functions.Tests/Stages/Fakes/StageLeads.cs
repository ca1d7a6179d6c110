using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>Leads for the fast stage tests: a plausible form lead, captured at the harness's clock unless told otherwise.</summary>
internal static class StageLeads
{
    public static Lead Captured(DateTimeOffset at, string? email = "jeanne@fonderie-vosges.example", string? message = "Bonjour, nous cherchons un devis pour 40 pièces.")
    {
        var captured = new CapturedLead
        {
            Channel = Channel.Form,
            Provider = "web",
            Contact = new Contact { FirstName = "Jeanne", LastName = "Martin", Email = email, Company = "Fonderie Vosges", Country = "FR" },
            Message = message,
            Signals = AntiBotSignals.None with { TimeToSubmit = TimeSpan.FromSeconds(45) },
        };
        return Lead.Capture(captured, LeadId.New(at), at).Lead;
    }

    public static Lead InStatus(LeadStatus status, DateTimeOffset at) => Captured(at).MovedTo(status, at);
}
