using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Reporting;

/// <summary>One page of the lead list, newest first, and the id to continue after (null on the last page).</summary>
internal sealed record LeadListPage(IReadOnlyList<Lead> Items, LeadId? Next);
