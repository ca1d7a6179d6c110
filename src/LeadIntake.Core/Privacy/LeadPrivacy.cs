namespace LeadIntake.Core.Privacy;

/// <summary>What intake records about a lead's processing: the purposes with basis and evidence, its provenance, and the notice given.</summary>
public sealed record LeadPrivacy(IReadOnlyList<PurposeRecord> Purposes, Provenance Provenance, NoticeRecord Notice);
