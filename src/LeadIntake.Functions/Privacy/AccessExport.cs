using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Reporting;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// Everything held about one person (Art. 15 access, Art. 20 portability): each lead found under their email or
/// phone, with its purposes and provenance, its audit events (decisions), the mails sent about it and the payloads as
/// the providers delivered them.
/// </summary>
internal sealed record AccessExport(
    string ExportId,
    DateTimeOffset GeneratedAt,
    AccessQuery Query,
    int LeadCount,
    IReadOnlyList<ExportedLead> Leads);

/// <summary>The person the export is about, as asked (email as given, phone in E.164).</summary>
internal sealed record AccessQuery(string? Email, string? Phone);

/// <summary>One lead of the export.</summary>
internal sealed record ExportedLead(
    Lead Lead,
    LeadPrivacy Privacy,
    IReadOnlyList<LeadEvent> Events,
    IReadOnlyList<ExportedMail> Mails,
    IReadOnlyList<RawPayloadText> RawPayloads);
