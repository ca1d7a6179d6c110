using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Core.Tests.Screening;

/// <summary>Builds captured leads for screening tests: a plausible human form lead unless a test says otherwise.</summary>
internal static class ScreeningLeads
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static CapturedLead Form(
        string? message,
        string? email = "j.moreau@chaudronnerie-alpes.example",
        string? firstName = "Julie",
        string? lastName = "Moreau",
        string? phone = null,
        string? country = "FR",
        string? company = null,
        string? subject = null,
        double elapsedSeconds = 40,
        bool honeypot = false) => new()
        {
            Channel = Channel.Form,
            Provider = "web",
            Contact = new Contact { FirstName = firstName, LastName = lastName, Email = email, Phone = phone, Country = country, Company = company },
            Subject = subject,
            Message = message,
            Signals = AntiBotSignals.None with { HoneypotFilled = honeypot, TimeToSubmit = TimeSpan.FromSeconds(elapsedSeconds) },
        };

    public static CapturedLead Email(string subject, string text, string from = "a.petit@scierie-jura.example", string? name = "Alain Petit", double? spamScore = null) => new()
    {
        Channel = Channel.Email,
        Provider = "mime",
        Contact = new Contact { Email = from, FullName = name },
        Subject = subject,
        Message = text,
        Signals = AntiBotSignals.None with { ProviderSpamScore = spamScore },
    };

    public static CapturedLead Call(string? transcript, string from = "+33478551234", string? callerName = null) => new()
    {
        Channel = Channel.Call,
        Provider = "generic",
        Contact = new Contact { Phone = from, FullName = callerName },
        Message = transcript,
    };

    /// <summary>
    /// The rules alone (no text model): the rule tests pin what each rule does, independent of the model's weights,
    /// which change with every retrain. The model and the combination have their own tests (Screening/Model/).
    /// </summary>
    public static readonly ScreeningContext RulesOnly = ScreeningContext.Default with { Model = null };

    public static ScreeningOutcome Screen(CapturedLead captured, ScreeningContext? context = null) =>
        LeadScreener.Screen(Lead.Capture(captured, LeadId.New(Now), Now).Lead, context ?? RulesOnly, Now);
}
