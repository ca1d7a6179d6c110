using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>Reads what maildev received over SMTP: the list through maildev's REST API, each mail's raw source parsed with MimeKit.</summary>
public sealed class MailCatcher(int webPort) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };

    public async Task<IReadOnlyList<CaughtMail>> ToAsync(string address)
    {
        var list = await _http.GetFromJsonAsync<JsonElement>("/api/email");
        var mails = new List<CaughtMail>();
        foreach (var item in list.EnumerateArray())
        {
            var to = item.GetProperty("to").EnumerateArray().Select(a => a.GetProperty("address").GetString() ?? "").ToList();
            if (!to.Contains(address, StringComparer.OrdinalIgnoreCase)) continue;
            await using var source = await _http.GetStreamAsync($"/api/email/{item.GetProperty("id").GetString()}/source");
            var message = await MimeMessage.LoadAsync(source);
            mails.Add(new CaughtMail(
                message.Subject ?? "",
                message.To.Mailboxes.Select(m => m.Address).ToList(),
                message.ReplyTo.Mailboxes.Select(m => m.Address).ToList(),
                message.TextBody ?? "",
                message.HtmlBody ?? "",
                message.MessageId ?? "",
                message));
        }
        return mails;
    }

    /// <summary>Waits until at least <paramref name="count"/> mails to <paramref name="address"/> arrived, or <paramref name="timeout"/> passed.</summary>
    public async Task<IReadOnlyList<CaughtMail>> WaitAsync(string address, int count, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var mails = await ToAsync(address);
            if (mails.Count >= count || TimeProvider.System.GetUtcNow() > deadline) return mails;
            await Task.Delay(100);
        }
    }

    public void Dispose() => _http.Dispose();
}

public sealed record CaughtMail(string Subject, IReadOnlyList<string> To, IReadOnlyList<string> ReplyTo, string Text, string Html, string MessageId, MimeMessage Message);
