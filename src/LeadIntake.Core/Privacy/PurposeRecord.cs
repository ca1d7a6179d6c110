using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// One purpose as it applies to one lead: the basis, whether it applies, and the evidence. For a consent purpose the
/// evidence is the checkbox answer, the consent text version, the time and the channel; for an objection
/// (legitimate interest), the opt-out box.
/// </summary>
/// <param name="Purpose">The purpose id.</param>
/// <param name="Basis">Its lawful basis.</param>
/// <param name="Applies">The lead's data may be processed for it (consent given, no objection).</param>
/// <param name="Evidence">What shows it, in words: <c>form checkbox consent_newsletter ticked</c>, <c>request sent by email</c>.</param>
/// <param name="RecordedAt">When the evidence was recorded (the capture time).</param>
/// <param name="Channel">The channel the evidence came through.</param>
/// <param name="TextVersion">For consent: the version of the consent text shown.</param>
public sealed record PurposeRecord(
    string Purpose,
    LawfulBasis Basis,
    bool Applies,
    string Evidence,
    DateTimeOffset RecordedAt,
    Channel Channel,
    string? TextVersion = null);
