using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening.Feedback;

/// <summary>Builds the training example a correction makes of a lead. Pure.</summary>
public static class FeedbackExamples
{
    /// <summary>Longest message kept: the intake limit, so the example holds what screening read.</summary>
    public const int MaxMessageLength = Intake.FieldLimits.Message;

    public static FeedbackExample From(Lead lead, LeadIntent label, FeedbackSource source, string actor, DateTimeOffset at)
    {
        var captured = lead.Captured;
        // The contact as the sender typed it: the model learns from what arrives, not from our normalisation.
        var contact = lead.OriginalContact ?? captured.Contact;
        var message = captured.Channel == Channel.Call ? captured.Call?.Transcript ?? captured.Message : captured.Message;
        return new FeedbackExample
        {
            LeadId = lead.Id,
            Label = label,
            Source = source,
            Actor = actor,
            At = at,
            Channel = captured.Channel,
            Language = lead.Screening?.Language,
            Subject = captured.Subject,
            Message = message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] : message,
            FirstName = contact.FirstName,
            LastName = contact.LastName,
            FullName = contact.FullName,
            Company = contact.Company,
            EmailDomain = EmailDomains.DomainOf(contact.Email ?? lead.Contact.Email),
        };
    }
}
