using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// Removes one lead's personal data everywhere it lives and leaves a pseudonymised skeleton (ids, stages, times,
/// channel, source) so that KPIs and audit counts do not change. Idempotent: purging a purged lead changes nothing
/// and reports <see cref="LeadPurgeResult.AlreadyPurged"/>.
/// </summary>
public interface ILeadPurge
{
    Task<LeadPurgeResult> PurgeAsync(LeadId leadId, PurgeReason reason, CancellationToken cancellationToken);
}

/// <summary>What one purge did.</summary>
/// <param name="Found">The lead exists.</param>
/// <param name="AlreadyPurged">The lead had been purged before; nothing changed.</param>
/// <param name="RowsChanged">Rows updated or deleted across every store.</param>
public sealed record LeadPurgeResult(bool Found, bool AlreadyPurged, int RowsChanged);
