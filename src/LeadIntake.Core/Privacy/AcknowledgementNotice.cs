namespace LeadIntake.Core.Privacy;

/// <summary>What the acknowledgement mail links to: the privacy notice and its version (screening sends the mail when this is set).</summary>
public sealed record AcknowledgementNotice(string? NoticeUrl, string? NoticeVersion);
