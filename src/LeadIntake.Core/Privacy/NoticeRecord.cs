namespace LeadIntake.Core.Privacy;

/// <summary>Which notice the person was given: how, which version, where it is (the IVR message name for calls).</summary>
public sealed record NoticeRecord(NoticeKind Kind, string? Version, string? Reference);
