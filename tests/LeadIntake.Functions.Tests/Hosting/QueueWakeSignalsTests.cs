using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Tests.Hosting;

public sealed class QueueWakeSignalsTests
{
    [Fact]
    public async Task Concurrent_wakes_never_throw_and_count_as_one()
    {
        var signals = new QueueWakeSignals();
        for (int round = 0; round < 200; round++)
        {
            using var start = new ManualResetEventSlim();
            var wakers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.Wait();
                signals.Wake("leads-captured");
            })).ToArray();
            start.Set();
            await Task.WhenAll(wakers); // a SemaphoreFullException here would fail the enqueue that called Wake

            Assert.True(await signals.WaitAsync("leads-captured", TimeSpan.Zero, CancellationToken.None));
            Assert.False(await signals.WaitAsync("leads-captured", TimeSpan.Zero, CancellationToken.None));
        }
    }
}
