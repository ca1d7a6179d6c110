using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;

namespace LeadIntake.Core.Dispatch.Mails;

/// <summary>
/// The words of the rep and manager mails in one language, read from the <see cref="RepTexts"/> resource files.
/// English and French; any other language code gets English.
/// Placeholders are <see cref="string.Format(IFormatProvider, string, object[])"/> style.
/// </summary>
public sealed record MailWording
{
    public required string Code { get; init; }
    public required string DateTimeFormat { get; init; }
    public required string NewLeadSubject { get; init; }       // {0} priority (P1), {1} company or name, {2} channel
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
    /// <summary>A signal as a short sentence for people ("Numéro de téléphone fourni").</summary>
    public required IReadOnlyDictionary<PrioritySignal, string> SignalSentences { get; init; }
    public required IReadOnlyDictionary<Leads.Channel, string> ChannelLabels { get; init; }

    public static MailWording For(string? languageCode) => RepTexts.For(languageCode).Code == "fr" ? French : English;

    public static MailWording English { get; } = From(RepTexts.English);

    public static MailWording French { get; } = From(RepTexts.French);

    /// <summary>The mail words read from the rep texts' resource files (<see cref="RepTexts"/>).</summary>
    private static MailWording From(RepTexts t) => new()
    {
        Code = t.Code,
        DateTimeFormat = t["Mail_DateTimeFormat"],
        NewLeadSubject = t["Mail_NewLeadSubject"],
        NewLeadHeadline = t["Mail_NewLeadHeadline"],
        AcceptBy = t["Mail_AcceptBy"],
        Accept = t["Mail_Accept"], Qualify = t["Mail_Qualify"], Disqualify = t["Mail_Disqualify"], Nurture = t["Mail_Nurture"], OpenLead = t["Mail_OpenLead"],
        Contact = t["Mail_Contact"], Name = t["Mail_Name"], Email = t["Mail_Email"], Phone = t["Mail_Phone"], Company = t["Mail_Company"],
        JobTitle = t["Mail_JobTitle"], Country = t["Mail_Country"],
        Message = t["Mail_Message"], NoMessage = t["Mail_NoMessage"], Subject = t["Mail_Subject"],
        Source = t["Mail_Source"], Channel = t["Mail_Channel"], Page = t["Mail_Page"], Referrer = t["Mail_Referrer"],
        Screening = t["Mail_Screening"], Intent = t["Mail_Intent"], Confidence = t["Mail_Confidence"],
        Why = t["Mail_Why"], Priority = t["Mail_Priority"], Captured = t["Mail_Captured"], LeadId = t["Mail_LeadId"], UnknownContact = t["Mail_UnknownContact"],
        ReminderSubject = t["Mail_ReminderSubject"], ReminderBody = t["Mail_ReminderBody"],
        ReassignedSubject = t["Mail_ReassignedSubject"], ReassignedBody = t["Mail_ReassignedBody"],
        EscalatedSubject = t["Mail_EscalatedSubject"], EscalatedBody = t["Mail_EscalatedBody"],
        PriorityLabels = Enum.GetValues<PriorityLevel>().ToDictionary(p => p, p => t["Priority_" + p]),
        SignalLabels = Enum.GetValues<PrioritySignal>().ToDictionary(s => s, s => t["Signal_" + s]),
        SignalSentences = Enum.GetValues<PrioritySignal>().ToDictionary(s => s, s => t["SignalSentence_" + s]),
        ChannelLabels = Enum.GetValues<Leads.Channel>().ToDictionary(c => c, c => t["Channel_" + c]),
    };
}
