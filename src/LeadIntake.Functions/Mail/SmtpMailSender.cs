using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit (ACS: smtp.azurecomm.net:587, STARTTLS, TLS 1.2+).
/// Connections are kept and reused: a new connection costs connect, EHLO, STARTTLS and AUTH round trips before every
/// mail, which was most of the dispatch stage's time under load (docs/benchmarks.md). Reuse changes nothing about
/// sent-once: this class still sends each message once per call and throws on any failure (the connection is then
/// dropped, never reused); the outbox decides what is sent. An idle connection is checked with NOOP before use — a
/// failed NOOP sends nothing, so a fresh connection is then safe — and one idle longer than <see cref="MaxIdle"/> is closed.
/// An SMTP server can't be asked whether it already took a Message-Id, so <see cref="IMailSender.CheckDeliveredAsync"/>
/// stays "unknown" and a crash during the SMTP exchange costs at most one resend with the same Message-Id.
/// </summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider? time = null) : IMailSender, IDisposable
{
    private const int MaxIdleConnections = 16;
    // Servers may close idle sessions (RFC 5321 §4.5.3.2 asks for at least 5 minutes; relays are often stricter).
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CheckAfterIdle = TimeSpan.FromSeconds(2);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> _idle = [];

    public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var client = await TakeIdleAsync(cancellationToken).ConfigureAwait(false) ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
        string answer;
        try
        {
            // The server's reply to the end of DATA: once it is read, the mail is the server's responsibility.
            answer = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        await ReturnAsync(client).ConfigureAwait(false);
        return answer;
    }

    private async Task<SmtpClient?> TakeIdleAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            var idleFor = _time.GetElapsedTime(idle.IdleSince);
            if (idleFor > MaxIdle || !idle.Client.IsConnected)
            {
                await CloseAsync(idle.Client).ConfigureAwait(false);
                continue;
            }
            if (idleFor < CheckAfterIdle) return idle.Client;
            try
            {
                await idle.Client.NoOpAsync(cancellationToken).ConfigureAwait(false);
                return idle.Client;
            }
            catch (Exception e) when (e is IOException or ServiceNotConnectedException or SmtpCommandException or SmtpProtocolException)
            {
                idle.Client.Dispose(); // nothing was sent on it: take another one or connect anew
            }
        }
        return null;
    }

    private async Task ReturnAsync(SmtpClient client)
    {
        if (_idle.Count >= MaxIdleConnections)
        {
            await CloseAsync(client).ConfigureAwait(false);
            return;
        }
        _idle.Add((client, _time.GetTimestamp()));
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient { Timeout = 30_000 };
        var security = smtp.Security.ToLowerInvariant() switch
        {
            "starttls" => SecureSocketOptions.StartTls,
            "sslonconnect" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        try
        {
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), smtp.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ServiceNotConnectedException or SmtpCommandException or SmtpProtocolException)
        {
            // closing anyway
        }
        finally
        {
            client.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var idle)) idle.Client.Dispose();
    }
}
