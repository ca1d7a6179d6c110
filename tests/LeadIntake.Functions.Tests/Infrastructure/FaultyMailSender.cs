using System.Collections.Concurrent;
using LeadIntake.Functions.Mail;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The real SMTP sender with a fault switch: fails while <see cref="Failing"/> is set or for the first
/// <see cref="FailFirst"/> calls, can be slowed down, and records when each attempt happened.
/// Models an SMTP outage; everything else in the app stays real.
/// </summary>
internal sealed class FaultyMailSender(IOptions<MailOptions> options) : IMailSender
{
    private readonly SmtpMailSender _inner = new(options);
    private int _calls;

    public volatile bool Failing;
    public int FailFirst;
    public TimeSpan Delay = TimeSpan.Zero;
    public ConcurrentQueue<DateTimeOffset> Attempts { get; } = new();

    public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(TimeProvider.System.GetUtcNow());
        int call = Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        if (Failing || call <= FailFirst) throw new IOException("SMTP server unavailable (test fault).");
        return await _inner.SendAsync(message, cancellationToken);
    }
}
