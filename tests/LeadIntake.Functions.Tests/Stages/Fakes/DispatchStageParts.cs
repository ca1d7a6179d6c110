using LeadIntake.Core.Leads;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Stages;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>
/// The dispatch and qualification handlers built on a <see cref="StageHarness"/> and in-memory directory, rotations
/// and one-time links, as the app wires them (a fresh handler per call, as a scope gives one per message).
/// </summary>
internal sealed class DispatchStageParts
{
    public const string DefaultRep = "default@corp.test";

    /// <summary>32 bytes of a fixed test key, base64.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public StageHarness H { get; } = new();
    public InMemorySalesDirectory Directory { get; } = new() { Setup = StageDirectory.Setup() };
    public InMemoryTeamRotations Rotations { get; } = new();
    public InMemoryUsedLinks UsedLinks { get; } = new();
    public FlakyAccountOwners Owners { get; } = new();

    /// <summary>The harness's runner, with <see cref="Owners"/> (which can fail) as the account owners.</summary>
    public StageRunner Runner => new(H.Store,
        new NextStepPerformer(H.Queue, H.Outbox, H.Review, H.Contacts, H.Feedback, Owners, NullLogger<NextStepPerformer>.Instance),
        H.Time, NullLogger<StageRunner>.Instance);

    public RepLinks Links => new(
        new FixedOptions<LinksOptions>(new LinksOptions { SigningKey = SigningKey }),
        new FixedOptions<IntakeOptions>(new IntakeOptions { PublicBaseUrl = "https://leads.test" }),
        H.Time);

    private static FixedOptions<DispatchOptions> Options => new(new DispatchOptions { DefaultRepEmail = DefaultRep, DefaultRepName = "Default Rep" });

    public DispatchLeadHandler Dispatch =>
        new(Runner, Directory, Rotations, Owners, Links, Options, H.Time, NullLogger<DispatchLeadHandler>.Instance);

    public SlaWatchHandler Sla =>
        new(H.Store, Runner, Directory, Rotations, Links, Options, H.Time, NullLogger<SlaWatchHandler>.Instance);

    public RepActionHandler RepActions =>
        new(H.Store, UsedLinks, Directory, Links, Runner, H.Time, NullLogger<RepActionHandler>.Instance);

    public ManagerActionHandler Managers =>
        new(H.Store, UsedLinks, Directory, Links, Runner, H.Time, NullLogger<ManagerActionHandler>.Instance);

    /// <summary>An MQL from a French foundry: the FR-Industry rule sends it to Alice and Bob's team.</summary>
    public Lead PutMql()
    {
        var now = H.Time.GetUtcNow();
        var lead = StageLeads.Captured(now, message: "Bonjour, notre fonderie cherche un devis pour 40 pièces.").MovedTo(LeadStatus.Mql, now);
        H.Store.Put(lead);
        return lead;
    }

    /// <summary>An MQL dispatched and its rep notified, as the SLA watch finds it.</summary>
    public async Task<Lead> PutAssignedAsync()
    {
        var lead = PutMql();
        await Dispatch.HandleAsync(lead.Id, CancellationToken.None);
        return H.Store.Get(lead.Id);
    }

    public IReadOnlyList<LeadEventType> EventTypes(LeadId id) => H.Store.Events(id).Select(e => e.Type).ToList();
}
