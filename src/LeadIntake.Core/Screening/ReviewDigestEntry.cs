using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>A lead held for review as the digest lists it, with its two signed one-time links.</summary>
public sealed record ReviewDigestEntry(Lead Lead, string ReleaseLink, string ConfirmSpamLink);
