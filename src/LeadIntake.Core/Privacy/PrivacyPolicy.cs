namespace LeadIntake.Core.Privacy;

/// <summary>
/// The privacy settings intake stamps on every lead (from <c>Privacy:*</c>): the purposes, and which notice each
/// channel gives (Art. 13): the form's notice link and version, the acknowledgement mail for email leads, the IVR
/// message callers hear.
/// </summary>
public sealed record PrivacyPolicy
{
    public IReadOnlyList<ProcessingPurpose> Purposes { get; init; } = ProcessingPurpose.Defaults;

    /// <summary>The privacy notice's address (forms link to it; the acknowledgement mail carries it).</summary>
    public string? NoticeUrl { get; init; }

    /// <summary>The notice's version, recorded on every lead it was given to.</summary>
    public string? NoticeVersion { get; init; }

    /// <summary>Email leads get an acknowledgement mail carrying the notice.</summary>
    public bool AcknowledgeEmailLeads { get; init; } = true;

    /// <summary>The name of the IVR message callers hear before they reach someone (the notice given on calls).</summary>
    public string? CallNotice { get; init; }

    public static PrivacyPolicy Default { get; } = new();
}
