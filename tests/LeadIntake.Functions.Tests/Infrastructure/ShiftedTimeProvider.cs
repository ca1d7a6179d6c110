namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The real clock moved forward by <see cref="Advance"/>: deciders see a later "now", while timers, delays and
/// timestamps stay real. (With FakeTimeProvider replacing the app's clock the queue runtime stalled: the pipeline
/// never screened the lead; the cause is still to be found, see the issue note.)
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
