namespace LeadIntake.Core.Privacy;

/// <summary>
/// The record of processing activities (GDPR Art. 30) of lead capture, generated from the configuration by
/// <see cref="ProcessingRecordBuilder"/>: purposes and bases, data subjects and categories, recipients, processors with
/// their regions, transfers outside the EU with their safeguards, retention periods and security measures.
/// </summary>
public sealed record ProcessingRecord(
    DateTimeOffset GeneratedAt,
    string Activity,
    string DataResidency,
    IReadOnlyList<RecordPurpose> Purposes,
    IReadOnlyList<string> DataSubjects,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<RecordProcessor> Processors,
    IReadOnlyList<RecordTransfer> Transfers,
    IReadOnlyList<RecordRetention> Retention,
    IReadOnlyList<string> SecurityMeasures,
    IReadOnlyList<string> Warnings);

/// <summary>A purpose as the record prints it.</summary>
public sealed record RecordPurpose(string Id, string Description, LawfulBasis Basis, string Article, bool OptOut);

/// <summary>A processor as the record prints it; <see cref="InsideEu"/> is null when its region is not stated.</summary>
public sealed record RecordProcessor(string Name, string Role, string Region, bool? InsideEu);

/// <summary>A transfer outside the EU and its safeguard.</summary>
public sealed record RecordTransfer(string Processor, string Region, string Safeguard);

/// <summary>A retention period in days (null: kept until a person acts) and its source.</summary>
public sealed record RecordRetention(string Class, int? Days, string Source);
