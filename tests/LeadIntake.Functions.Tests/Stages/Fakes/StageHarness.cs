using LeadIntake.Functions.Stages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>
/// The stage runner wired to in-memory fakes and a frozen clock: a stage handler's fast tests build their handler on
/// <see cref="Runner"/> and these fakes, and assert on what was saved, queued and mailed. No Azurite, no Kestrel.
/// </summary>
internal sealed class StageHarness
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    public InMemoryLeadStore Store { get; }
    public InMemoryPipelineQueue Queue { get; } = new();
    public InMemoryMailOutbox Outbox { get; } = new();

    public StageHarness() => Store = new InMemoryLeadStore { Outbox = Outbox };
    public InMemoryReviewQueue Review { get; } = new();
    public InMemoryContactIndex Contacts { get; } = new();
    public InMemoryScreeningFeedback Feedback { get; } = new();
    public InMemoryAccountOwners Owners { get; } = new();

    public StageRunner Runner => new(Store, Steps, Time, NullLogger<StageRunner>.Instance);

    public NextStepPerformer Steps => new(Queue, Outbox, Review, Contacts, Feedback, Owners, NullLogger<NextStepPerformer>.Instance);
}
