using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Functions.Tests.Infrastructure;
using MimeKit;

namespace LeadIntake.Functions.Tests.Mail;

/// <summary>
/// A lead whose name and company carry line breaks, raw or hidden in RFC 2047 encoded-words, goes through the real
/// app; the rep mail maildev received is parsed as a mail client would and every header must stay one line.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MailHeaderInjectionTests
{
    private const string Victim = "victim@evil.example";

    [Fact]
    public async Task Line_breaks_in_a_lead_never_reach_the_rep_mail_headers_even_as_encoded_words()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var catcher = new MailCatcher(dev.MailWebPort);

        var id = await app.PostLeadAsync(new
        {
            name = $"=?utf-8?q?Eve=0D=0ABcc:_{Victim}?=",
            email = "eve.buyer@acme-industries.example",
            company = $"ACME\r\nBcc: {Victim}",
            subject = $"=?utf-8?b?{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Devis\r\nBcc: {Victim}"))}?=",
            message = "Please send pricing for 20 licences, we want to buy this quarter.",
        });
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(20));
        Assert.True(TestApp.IsNotified(lead), lead.ToString());

        var mail = Assert.Single(await catcher.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10)));
        var message = mail.Message;
        // What a client shows after decoding every encoded-word: one line each.
        var decoded = new List<string?> { message.Subject };
        decoded.AddRange(message.From.Mailboxes.Select(m => m.Name));
        decoded.AddRange(message.ReplyTo.Mailboxes.Select(m => m.Name));
        decoded.AddRange(message.To.Mailboxes.Select(m => m.Name));
        foreach (var text in decoded.Where(t => t is not null))
        {
            Assert.DoesNotContain('\r', text!);
            Assert.DoesNotContain('\n', text!);
            Assert.DoesNotContain("=?", text!, StringComparison.Ordinal);
        }
        Assert.Contains("ACME Bcc: " + Victim, message.Subject, StringComparison.Ordinal); // the company, kept as text on the line
        Assert.Empty(message.Bcc);
        Assert.Empty(message.Cc);
        Assert.Equal([app.RepEmail], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["eve.buyer@acme-industries.example"], message.ReplyTo.Mailboxes.Select(m => m.Address));
        Assert.Null(message.Headers[HeaderId.Bcc]);

        // And the SMTP envelope went to the rep alone.
        Assert.Empty(await catcher.ToAsync(Victim));
        Assert.DoesNotContain(Victim, await EnvelopeRecipientsAsync(dev.MailWebPort));
    }

    private static async Task<List<string>> EnvelopeRecipientsAsync(int webPort)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
        var list = await http.GetFromJsonAsync<JsonElement>("/api/email");
        var recipients = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            foreach (var field in new[] { "to", "cc", "bcc" })
            {
                if (item.TryGetProperty(field, out var addresses) && addresses.ValueKind == JsonValueKind.Array)
                {
                    recipients.AddRange(addresses.EnumerateArray().Select(a => a.GetProperty("address").GetString() ?? ""));
                }
            }
            if (item.TryGetProperty("envelope", out var envelope) && envelope.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array)
            {
                recipients.AddRange(to.EnumerateArray().Select(a => a.TryGetProperty("address", out var address) ? address.GetString() ?? "" : ""));
            }
        }
        return recipients;
    }
}
