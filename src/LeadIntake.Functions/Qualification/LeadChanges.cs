using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Qualification;

/// <summary>The save loop of every decider call (docs/conventions.md, 'ETag on every update'): decide, save with the ETag, on 412 reload and decide again once.</summary>
public static class LeadChanges
{
    /// <returns>The change that was saved (<see cref="LeadChange.Applied"/>, with the saved lead), or the decider's other answer.</returns>
    public static async Task<LeadChange> ApplyAsync(ILeadStore store, StoredLead stored, Func<Lead, LeadChange> decide, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var change = decide(stored.Lead);
            if (change is not LeadChange.Applied applied) return change;
            try
            {
                var saved = await store.SaveAsync(stored, applied.Lead, applied.Events, cancellationToken).ConfigureAwait(false);
                return applied with { Lead = saved.Lead };
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                if (await store.FindAsync(stored.Lead.Id, cancellationToken).ConfigureAwait(false) is not { } fresh) return new LeadChange.Rejected("The lead no longer exists.");
                stored = fresh;
            }
        }
    }
}
