using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch;

/// <summary>
/// The words of the rep and manager mails in one language. English and French; any other language code gets English.
/// Placeholders are <see cref="string.Format(IFormatProvider, string, object[])"/> style.
/// </summary>
public sealed record MailWording
{
    public required string Code { get; init; }
    public required string DateTimeFormat { get; init; }
    public required string NewLeadSubject { get; init; }       // {0} priority label, {1} company, {2} channel, {3} contact
    public required string NewLeadHeadline { get; init; }      // {0} priority label
    public required string AcceptBy { get; init; }             // {0} deadline, {1} minutes
    public required string Accept { get; init; }
    public required string Qualify { get; init; }
    public required string Disqualify { get; init; }
    public required string Nurture { get; init; }
    public required string OpenLead { get; init; }
    public required string Contact { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public required string Phone { get; init; }
    public required string Company { get; init; }
    public required string JobTitle { get; init; }
    public required string Country { get; init; }
    public required string Message { get; init; }
    public required string NoMessage { get; init; }
    public required string Subject { get; init; }
    public required string Source { get; init; }
    public required string Channel { get; init; }
    public required string Page { get; init; }
    public required string Referrer { get; init; }
    public required string Screening { get; init; }
    public required string Intent { get; init; }
    public required string Confidence { get; init; }
    public required string Why { get; init; }
    public required string Priority { get; init; }
    public required string Captured { get; init; }
    public required string LeadId { get; init; }
    public required string UnknownContact { get; init; }
    public required string ReminderSubject { get; init; }      // {0} company, {1} contact
    public required string ReminderBody { get; init; }         // {0} deadline
    public required string ReassignedSubject { get; init; }    // {0} company, {1} from rep, {2} to rep
    public required string ReassignedBody { get; init; }       // {0} from rep, {1} how long it waited, {2} to rep
    public required string EscalatedSubject { get; init; }     // {0} company, {1} rep
    public required string EscalatedBody { get; init; }        // {0} rep, {1} reassignments, {2} how long it waited
    public required IReadOnlyDictionary<PriorityLevel, string> PriorityLabels { get; init; }
    public required IReadOnlyDictionary<PrioritySignal, string> SignalLabels { get; init; }
    public required IReadOnlyDictionary<Leads.Channel, string> ChannelLabels { get; init; }

    public static MailWording For(string? languageCode) =>
        string.Equals(languageCode, "fr", StringComparison.OrdinalIgnoreCase) ? French : English;

    public static MailWording English { get; } = new()
    {
        Code = "en",
        DateTimeFormat = "ddd d MMM yyyy HH:mm",
        NewLeadSubject = "[{0}] {1} · {2} · {3}",
        NewLeadHeadline = "New lead for you — {0}",
        AcceptBy = "Accept before {0} ({1} min), or it goes to the next rep.",
        Accept = "Accept", Qualify = "Qualify (BANT)", Disqualify = "Disqualify", Nurture = "Return to nurture", OpenLead = "Open the lead",
        Contact = "Contact", Name = "Name", Email = "Email", Phone = "Phone", Company = "Company", JobTitle = "Job title", Country = "Country",
        Message = "Message", NoMessage = "(no message)", Subject = "Subject",
        Source = "Source", Channel = "Channel", Page = "Page", Referrer = "Referrer",
        Screening = "What screening found", Intent = "Intent", Confidence = "Confidence",
        Why = "Why you", Priority = "Priority", Captured = "Captured", LeadId = "Lead id", UnknownContact = "unknown contact",
        ReminderSubject = "[Reminder] Lead waiting: {0} · {1}",
        ReminderBody = "This lead is still waiting for you. Accept it before {0} or it goes to the next rep.",
        ReassignedSubject = "Lead reassigned: {0} · {1} → {2}",
        ReassignedBody = "{0} did not accept this lead; it waited {1}. It now goes to {2}.",
        EscalatedSubject = "Lead not accepted: {0} · {1}",
        EscalatedBody = "{0} has not accepted this lead; it has waited {2} and was reassigned {1} times. Please step in: call the contact or pick a rep.",
        PriorityLabels = new Dictionary<PriorityLevel, string>
        {
            [PriorityLevel.P1] = "P1 call now", [PriorityLevel.P2] = "P2 today", [PriorityLevel.P3] = "P3",
        },
        SignalLabels = new Dictionary<PrioritySignal, string>
        {
            [PrioritySignal.PhoneNumber] = "phone number", [PrioritySignal.BuyingWords] = "buying words (quote, price, demo…)",
            [PrioritySignal.ConfidentScreening] = "clear commercial intent", [PrioritySignal.CompanyEmail] = "company email",
        },
        ChannelLabels = new Dictionary<Leads.Channel, string>
        {
            [Leads.Channel.Form] = "web form", [Leads.Channel.Email] = "email", [Leads.Channel.Call] = "phone call", [Leads.Channel.Social] = "social ad",
        },
    };

    public static MailWording French { get; } = new()
    {
        Code = "fr",
        DateTimeFormat = "dd/MM/yyyy HH:mm",
        NewLeadSubject = "[{0}] {1} · {2} · {3}",
        NewLeadHeadline = "Nouveau lead pour vous — {0}",
        AcceptBy = "À accepter avant le {0} ({1} min), sinon il passe au commercial suivant.",
        Accept = "Accepter", Qualify = "Qualifier (BANT)", Disqualify = "Disqualifier", Nurture = "Renvoyer en nurturing", OpenLead = "Ouvrir le lead",
        Contact = "Contact", Name = "Nom", Email = "E-mail", Phone = "Téléphone", Company = "Société", JobTitle = "Fonction", Country = "Pays",
        Message = "Message", NoMessage = "(pas de message)", Subject = "Objet",
        Source = "Origine", Channel = "Canal", Page = "Page", Referrer = "Référent",
        Screening = "Analyse automatique", Intent = "Intention", Confidence = "Confiance",
        Why = "Pourquoi vous", Priority = "Priorité", Captured = "Reçu", LeadId = "Identifiant", UnknownContact = "contact inconnu",
        ReminderSubject = "[Relance] Lead en attente : {0} · {1}",
        ReminderBody = "Ce lead vous attend toujours. Acceptez-le avant le {0}, sinon il passe au commercial suivant.",
        ReassignedSubject = "Lead réaffecté : {0} · {1} → {2}",
        ReassignedBody = "{0} n'a pas accepté ce lead, resté {1} en attente. Il passe à {2}.",
        EscalatedSubject = "Lead non accepté : {0} · {1}",
        EscalatedBody = "{0} n'a pas accepté ce lead, en attente depuis {2} et déjà réaffecté {1} fois. Merci d'intervenir : appelez le contact ou choisissez un commercial.",
        PriorityLabels = new Dictionary<PriorityLevel, string>
        {
            [PriorityLevel.P1] = "P1 à rappeler", [PriorityLevel.P2] = "P2 aujourd'hui", [PriorityLevel.P3] = "P3",
        },
        SignalLabels = new Dictionary<PrioritySignal, string>
        {
            [PrioritySignal.PhoneNumber] = "numéro de téléphone", [PrioritySignal.BuyingWords] = "mots d'achat (devis, prix, démo…)",
            [PrioritySignal.ConfidentScreening] = "intention commerciale nette", [PrioritySignal.CompanyEmail] = "e-mail professionnel",
        },
        ChannelLabels = new Dictionary<Leads.Channel, string>
        {
            [Leads.Channel.Form] = "formulaire", [Leads.Channel.Email] = "e-mail", [Leads.Channel.Call] = "appel", [Leads.Channel.Social] = "réseau social",
        },
    };
}
