using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// The priority shown in the rep's mail subject. A lead with a phone number comes first (docs/architecture.md, 'Vocabulary': it can be called
/// back now); a phone plus a hot signal is P1.
/// </summary>
public sealed record LeadPriority(PriorityLevel Level, IReadOnlyList<PrioritySignal> Signals)
{
    // Folded (lower case, no accents) as LeadFacts.Mentions compares them.
    private static readonly string[] BuyingWords =
    [
        "devis", "quote", "quotation", "prix", "price", "pricing", "tarif", "tarifs", "demo", "demonstration",
        "urgent", "asap", "rappel", "rappeler", "call me", "appelez-moi", "commande", "order", "acheter", "buy", "budget",
    ];

    public const double ConfidentScreening = 0.8;

    public static LeadPriority Of(Lead lead)
    {
        var facts = LeadFacts.Of(lead);
        var signals = new List<PrioritySignal>(4);
        if (!string.IsNullOrWhiteSpace(lead.Contact.Phone)) signals.Add(PrioritySignal.PhoneNumber);
        if (BuyingWords.Any(facts.Mentions)) signals.Add(PrioritySignal.BuyingWords);
        if (lead.Screening is { Intent: LeadIntent.Commercial, Confidence: >= ConfidentScreening }) signals.Add(PrioritySignal.ConfidentScreening);
        var domain = EmailDomains.DomainOf(lead.Contact.Email);
        if (domain is not null && !EmailDomains.IsFreeMail(domain)) signals.Add(PrioritySignal.CompanyEmail);

        bool phone = signals.Contains(PrioritySignal.PhoneNumber);
        bool hot = signals.Contains(PrioritySignal.BuyingWords) || signals.Contains(PrioritySignal.ConfidentScreening);
        var level = phone && hot ? PriorityLevel.P1 : phone || hot ? PriorityLevel.P2 : PriorityLevel.P3;
        return new LeadPriority(level, signals);
    }
}
