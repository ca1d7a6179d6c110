using System.Collections.Concurrent;
using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>The sales directory in memory: the setup a test sets, or none (dispatch then uses the default rep).</summary>
internal sealed class InMemorySalesDirectory : ISalesDirectory
{
    public RoutingSetup? Setup { get; set; }

    public Task<RoutingSetup?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Setup);
}

/// <summary>Team rotations in memory with version ETags: a save against an old version is refused, as the table's 412.</summary>
internal sealed class InMemoryTeamRotations : ITeamRotations
{
    private readonly ConcurrentDictionary<string, (TeamRotation Rotation, int Version)> _rotations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many turns were reserved (saved rotations).</summary>
    public int Saves { get; private set; }

    public TeamRotation Of(string teamId) => _rotations.TryGetValue(teamId, out var found) ? found.Rotation : TeamRotation.Start(teamId);

    public Task<StoredRotation> LoadAsync(string teamId, CancellationToken cancellationToken) =>
        Task.FromResult(_rotations.TryGetValue(teamId, out var found)
            ? new StoredRotation(found.Rotation, found.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new StoredRotation(TeamRotation.Start(teamId), null));

    public Task<bool> TrySaveAsync(StoredRotation current, TeamRotation updated, CancellationToken cancellationToken)
    {
        var version = _rotations.TryGetValue(updated.TeamId, out var found) ? found.Version : (int?)null;
        if (version?.ToString(System.Globalization.CultureInfo.InvariantCulture) != current.ETag) return Task.FromResult(false);
        _rotations[updated.TeamId] = (updated, (version ?? 0) + 1);
        Saves++;
        return Task.FromResult(true);
    }
}

/// <summary>One-time link nonces in memory: claimed by insert, given back on release.</summary>
internal sealed class InMemoryUsedLinks : IUsedLinks
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public int Releases { get; private set; }

    public Task<bool> TryUseAsync(ActionLinkClaims claims, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(_used.TryAdd(claims.Nonce, now));

    public Task<bool> IsUsedAsync(ActionLinkClaims claims, CancellationToken cancellationToken) => Task.FromResult(_used.ContainsKey(claims.Nonce));

    public Task ReleaseAsync(ActionLinkClaims claims, CancellationToken cancellationToken)
    {
        Releases++;
        _used.TryRemove(claims.Nonce, out _);
        return Task.CompletedTask;
    }
}

/// <summary>Fixed options for a handler built by hand: the same value as a monitor and as a snapshot.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>, IOptionsSnapshot<T> where T : class
{
    public T Value => value;

    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

/// <summary>Account owners in memory, with <see cref="FailNext"/> to make the next record throw (storage down).</summary>
internal sealed class FlakyAccountOwners : IAccountOwners
{
    private int _failures;

    public ConcurrentDictionary<LeadId, string> Recorded { get; } = new();

    public void FailNext(int times = 1) => _failures = times;

    public Task<AccountOwner?> FindAsync(Lead lead, CancellationToken cancellationToken) => Task.FromResult<AccountOwner?>(null);

    public Task RecordAsync(Lead lead, string repEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_failures > 0)
        {
            _failures--;
            throw new IOException("account owners unavailable (test)");
        }
        Recorded[lead.Id] = repEmail;
        return Task.CompletedTask;
    }
}
