using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Dispatch;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// The review band and the feedback loop through the real app: Azurite, Kestrel, maildev. Until the learned model
/// lands, a test decider (the real screener, then "unsure" for messages carrying a marker) puts leads in review.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class ScreeningFeedbackTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string Unsure = "[unsure]";

    private sealed record Boxes(string Service, string Hr, string Marketing, Dictionary<string, string?> Settings);

    private static Boxes Mailboxes(params (string Key, string Value)[] extra)
    {
        var tag = Guid.NewGuid().ToString("N");
        var boxes = new Boxes($"service-{tag}@example.com", $"hr-{tag}@example.com", $"marketing-{tag}@example.com", []);
        boxes.Settings["Screening:ServiceMailbox"] = boxes.Service;
        boxes.Settings["Screening:HrMailbox"] = boxes.Hr;
        boxes.Settings["Screening:MarketingMailbox"] = boxes.Marketing;
        foreach (var (key, value) in extra) boxes.Settings[key] = value;
        return boxes;
    }

    /// <summary>
    /// The real screener, except that a message with the marker is "unsure": held for review. It ignores a release on
    /// purpose, as a careless model might: the handler must still never hold a released lead again.
    /// </summary>
    private static void HoldMarkedLeads(IServiceCollection services) =>
        services.AddSingleton<ScreeningDecider>((lead, context, now) =>
        {
            var outcome = LeadScreener.Screen(lead, context, now);
            if (lead.Captured.Message?.Contains(Unsure, StringComparison.Ordinal) != true) return outcome;
            return outcome with
            {
                Trigger = LeadTrigger.HoldForReview,
                Decision = outcome.Decision with
                {
                    Reasons = [.. outcome.Decision.Reasons, "test: unsure between spam and commercial"],
                    ReasonCodes = [.. outcome.Decision.ReasonCodes, WireNames.Of(ScreeningReasonCode.UnsureIntent)],
                },
            };
        });

    private static object UnsureLead(string name, string email) => new
    {
        name,
        email,
        message = $"Hello, I wanted to know your price for 20 vibration sensors and the monitoring software. {Unsure}",
    };

    private static string Status(JsonElement lead) => lead.GetProperty("status").GetString()!;

    private static List<string?> EventTypes(JsonElement lead) =>
        lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

    private static async Task<HttpResponseMessage> AdminAsync(TestApp app, HttpMethod method, string path, string? key = TestApp.AdminKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("x-functions-key", key);
        return await app.Client.SendAsync(request);
    }

    private static async Task<TableEntity?> FeedbackRowAsync(TestApp app, string id)
    {
        var leadId = LeadId.Parse(id);
        var row = await app.Table(TableNames.Leads).GetEntityIfExistsAsync<TableEntity>(LeadPartition.For(leadId), TableScreeningFeedback.RowKeyFor(leadId));
        return row.HasValue ? row.Value : null;
    }

    private static async Task<List<string>> ReviewQueueAsync(TestApp app)
    {
        var ids = new List<string>();
        await foreach (var row in app.Table(TableNames.ReviewQueue).QueryAsync<TableEntity>()) ids.Add(row.RowKey);
        return ids;
    }

    private static async Task<int> RunDigestAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewDigestHandler>().RunAsync(CancellationToken.None);
    }

    /// <summary>(lead id, action) → path and query of the mailbox links in a mail's HTML.</summary>
    private static Dictionary<(string Lead, string Action), string> MailboxLinksIn(string html)
    {
        var links = new Dictionary<(string, string), string>();
        foreach (Match m in MailboxHref().Matches(html))
        {
            links.TryAdd((m.Groups[2].Value, m.Groups[3].Value), new Uri(WebUtility.HtmlDecode(m.Groups[1].Value)).PathAndQuery);
        }
        return links;
    }

    [GeneratedRegex("href=\"([^\"]*/api/mailbox/leads/([0-9A-Z]{26})/([a-z_]+)\\?t=[^\"]+)\"")]
    private static partial Regex MailboxHref();

    /// <summary>The app's clock at 01:00 UTC today: a digest set for 12:00 is not due until the test moves the clock.</summary>
    private static ShiftedTimeProvider ClockAtOneAm()
    {
        var clock = new ShiftedTimeProvider();
        var now = TimeProvider.System.GetUtcNow();
        clock.Advance(now.Date.AddHours(1) - now.UtcDateTime);
        return clock;
    }

    [Fact]
    public async Task A_lead_held_for_review_is_mailed_to_nobody_and_listed_once_a_day_with_working_release_and_spam_links()
    {
        var boxes = Mailboxes(("Screening:ReviewDigestTime", "12:00:00"));
        var clock = ClockAtOneAm();
        await using var app = await TestApp.StartAsync(boxes.Settings, services =>
        {
            HoldMarkedLeads(services);
            services.AddSingleton<TimeProvider>(clock);
        });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        var genuine = await app.PostLeadAsync(UnsureLead("Daniel Okafor", "dokafor@northbridge.example"));
        var junk = await app.PostLeadAsync(UnsureLead("Best <Offers>", "promo@bulk-offers.example"));
        foreach (var id in new[] { genuine, junk })
        {
            var held = await app.WaitForLeadAsync(id, l => Status(l) != "captured", Wait);
            Assert.Equal("review", Status(held));
            Assert.Contains(held.GetProperty("screening").GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("unsure", StringComparison.Ordinal));
            Assert.Contains("status=review", held.GetProperty("events").EnumerateArray().Last().GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        await PipelineDrain.UntilIdleAsync(app);
        Assert.Equal([genuine, junk], (await ReviewQueueAsync(app)).Order(StringComparer.Ordinal));
        Assert.Empty(await mail.ToAsync(app.RepEmail));
        Assert.Empty(await mail.ToAsync(boxes.Marketing));

        // Before the digest time: nothing. After it: one digest, however often the timer looks.
        Assert.Equal(0, await RunDigestAsync(app));
        clock.Advance(TimeSpan.FromHours(12));
        await RunDigestAsync(app);
        await RunDigestAsync(app);
        var digest = Assert.Single(await mail.WaitAsync(boxes.Marketing, 1, Wait));
        Assert.StartsWith("2 leads to review", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("Best &lt;Offers&gt;", digest.Html, StringComparison.Ordinal);
        // The reason as its kind's sentence; the stored text stays in the audit trail.
        Assert.Contains("Unclear request: treated as a possible sale", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("test: unsure between", digest.Text, StringComparison.Ordinal);
        var links = MailboxLinksIn(digest.Html);
        Assert.Equal(4, links.Count);

        // GET only shows the page: a mail scanner following the link changes nothing.
        using (var page = await app.Client.GetAsync(links[(genuine, "release")]))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("review", Status(await app.GetLeadAsync(genuine)));

        using (var release = await app.Client.PostAsync(links[(genuine, "release")], new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
            Assert.Contains("Released as genuine", await release.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var released = await app.WaitForLeadAsync(genuine, TestApp.IsNotified, Wait);
        Assert.Equal("assigned", Status(released));
        Assert.Equal(["captured", "screened", "released", "screened", "assigned", "rep_notified"], EventTypes(released));
        Assert.Single(await mail.WaitAsync(app.RepEmail, 1, Wait));
        var ham = await FeedbackRowAsync(app, genuine);
        Assert.NotNull(ham);
        Assert.Equal(("commercial", "released", boxes.Marketing), (ham.GetString("Label"), ham.GetString("Source"), ham.GetString("Actor")));
        Assert.Equal("northbridge.example", ham.GetString("EmailDomain"));

        using (var confirm = await app.Client.PostAsync(links[(junk, "confirm_spam")], new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        }
        var spam = await app.GetLeadAsync(junk);
        Assert.Equal("spam", Status(spam));
        var confirmed = Assert.Single(spam.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "spam_confirmed");
        Assert.Equal(boxes.Marketing, confirmed.GetProperty("actor").GetString());
        Assert.Equal(("spam", "confirmed_spam"), ((await FeedbackRowAsync(app, junk))!.GetString("Label"), (await FeedbackRowAsync(app, junk))!.GetString("Source")));

        // A second click, the other link of a decided lead, a forged token.
        using (var twice = await app.Client.PostAsync(links[(junk, "confirm_spam")], new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Contains("already used", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var late = await app.Client.PostAsync(links[(junk, "release")], new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("no longer waiting for review", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("spam", Status(await app.GetLeadAsync(junk)));
        using (var forged = await app.Client.PostAsync(links[(junk, "release")][..^4] + "AAAA", new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }
        using (var onRepPage = await app.Client.GetAsync(links[(junk, "release")].Replace("/api/mailbox/", "/api/rep/", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.NotFound, onRepPage.StatusCode);
        }

        // Both left review: the queue is empty and the next day brings no digest.
        Assert.Empty(await ReviewQueueAsync(app));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await RunDigestAsync(app));
        Assert.Single(await mail.ToAsync(boxes.Marketing));
    }

    [Fact]
    public async Task A_lead_still_in_review_is_listed_again_the_next_day_with_fresh_links()
    {
        var boxes = Mailboxes(("Screening:ReviewDigestTime", "12:00:00"));
        var clock = ClockAtOneAm();
        await using var app = await TestApp.StartAsync(boxes.Settings, services =>
        {
            HoldMarkedLeads(services);
            services.AddSingleton<TimeProvider>(clock);
        });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(UnsureLead("Ann Lee", "ann@lee-engineering.example"));
        Assert.Equal("review", Status(await app.WaitForLeadAsync(id, l => Status(l) == "review", Wait)));

        clock.Advance(TimeSpan.FromHours(12));
        await RunDigestAsync(app);
        clock.Advance(TimeSpan.FromDays(1));
        await RunDigestAsync(app);

        var digests = await mail.WaitAsync(boxes.Marketing, 2, Wait);
        Assert.Equal(2, digests.Count);
        Assert.All(digests, d => Assert.StartsWith("1 lead to review", d.Subject, StringComparison.Ordinal));
        Assert.NotEqual(digests[0].MessageId, digests[1].MessageId);
        Assert.NotEqual(MailboxLinksIn(digests[0].Html)[(id, "release")], MailboxLinksIn(digests[1].Html)[(id, "release")]);
    }

    [Fact]
    public async Task A_redelivered_screen_message_for_a_lead_in_review_mails_nobody_and_a_stale_queue_entry_is_tidied_by_the_digest()
    {
        var boxes = Mailboxes(("Screening:ReviewDigestTime", "12:00:00"));
        var clock = ClockAtOneAm();
        await using var app = await TestApp.StartAsync(boxes.Settings, services =>
        {
            HoldMarkedLeads(services);
            services.AddSingleton<TimeProvider>(clock);
        });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(UnsureLead("Tom Hale", "tom@hale-pumps.example"));
        await app.WaitForLeadAsync(id, l => Status(l) == "review", Wait);

        var queue = app.GetService<IPipelineQueue>();
        await queue.EnqueueAsync(PipelineQueue.Captured, LeadId.Parse(id), CancellationToken.None);
        await queue.EnqueueAsync(PipelineQueue.Captured, LeadId.Parse(id), CancellationToken.None);
        await PipelineDrain.UntilIdleAsync(app);

        var lead = await app.GetLeadAsync(id);
        Assert.Equal("review", Status(lead));
        Assert.Single(EventTypes(lead), t => t == "screened");
        Assert.Equal([id], await ReviewQueueAsync(app));
        Assert.Empty(await mail.ToAsync(app.RepEmail));
        Assert.Empty(await mail.ToAsync(boxes.Service));
        Assert.Empty(await mail.ToAsync(boxes.Marketing));

        // The lead leaves review but its queue entry comes back (a lost removal, replayed): the digest skips and removes it.
        using (var confirm = await AdminAsync(app, HttpMethod.Post, $"/api/leads/{id}/confirm-spam"))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        }
        await app.GetService<IReviewQueue>().AddAsync(LeadId.Parse(id), TimeProvider.System.GetUtcNow(), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(0, await RunDigestAsync(app));
        Assert.Empty(await ReviewQueueAsync(app));
        Assert.Empty(await mail.ToAsync(boxes.Marketing));
    }

    [Fact]
    public async Task The_admin_confirms_spam_or_releases_a_lead_in_review_through_the_api()
    {
        var boxes = Mailboxes();
        await using var app = await TestApp.StartAsync(boxes.Settings, HoldMarkedLeads);
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var junk = await app.PostLeadAsync(UnsureLead("Promo Team", "promo@mass-offers.example"));
        var genuine = await app.PostLeadAsync(UnsureLead("Claire Petit", "c.petit@laiterie-petit.example"));
        await app.WaitForLeadAsync(junk, l => Status(l) == "review", Wait);
        await app.WaitForLeadAsync(genuine, l => Status(l) == "review", Wait);

        using (var confirm = await AdminAsync(app, HttpMethod.Post, $"/api/leads/{junk}/confirm-spam"))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.True((await confirm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmed").GetBoolean());
        }
        using (var again = await AdminAsync(app, HttpMethod.Post, $"/api/leads/{junk}/confirm-spam"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmed").GetBoolean());
        }
        var spam = await app.GetLeadAsync(junk);
        Assert.Equal("spam", Status(spam));
        Assert.Single(EventTypes(spam), t => t == "spam_confirmed");
        var row = await FeedbackRowAsync(app, junk);
        Assert.Equal(("spam", "confirmed_spam", "admin", 1), (row!.GetString("Label"), row.GetString("Source"), row.GetString("Actor"), row.GetInt32("Revision")));
        Assert.Null(row.GetString("Email"));
        Assert.Equal("mass-offers.example", row.GetString("EmailDomain"));

        using (var release = await AdminAsync(app, HttpMethod.Post, $"/api/leads/{genuine}/release"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }
        var dispatched = await app.WaitForLeadAsync(genuine, TestApp.IsNotified, Wait);
        Assert.Equal("assigned", Status(dispatched));
        Assert.Single(await mail.WaitAsync(app.RepEmail, 1, Wait));
        Assert.Equal("released", (await FeedbackRowAsync(app, genuine))!.GetString("Source"));
        Assert.Empty(await ReviewQueueAsync(app));

        // Only a lead in review can be confirmed: 409 for an assigned lead, 404 for an unknown one, 401 without the key.
        using (var wrong = await AdminAsync(app, HttpMethod.Post, $"/api/leads/{genuine}/confirm-spam"))
        {
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
            Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        }
        using (var unknown = await AdminAsync(app, HttpMethod.Post, $"/api/leads/{LeadId.New(TimeProvider.System.GetUtcNow()).Value}/confirm-spam"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        using (var anonymous = await AdminAsync(app, HttpMethod.Post, $"/api/leads/{junk}/confirm-spam", key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }

    [Fact]
    public async Task A_rep_disqualifying_a_lead_as_spam_stores_a_spam_example()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new
        {
            name = "Marc Roux", email = "m.roux@roux-industrie.example",
            message = "Could you send us a quote for 40 vibration sensors and the monitoring software?",
        });
        var repMail = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, Wait));
        var disqualify = RepLinkReader.Links(repMail.Html)["disqualify"];

        using (var post = await app.Client.PostAsync(disqualify, new FormUrlEncodedContent([new("reason", "spam")])))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        Assert.Equal("spam", Status(await app.GetLeadAsync(id)));
        var row = await FeedbackRowAsync(app, id);
        Assert.NotNull(row);
        Assert.Equal(("spam", "reported_spam", app.RepEmail, 1), (row.GetString("Label"), row.GetString("Source"), row.GetString("Actor"), row.GetInt32("Revision")));
        Assert.Equal("Could you send us a quote for 40 vibration sensors and the monitoring software?", row.GetString("Message"));

        using (var twice = await app.Client.PostAsync(disqualify, new FormUrlEncodedContent([new("reason", "spam")])))
        {
            Assert.Contains("Nothing to change", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(1, (await FeedbackRowAsync(app, id))!.GetInt32("Revision"));
    }

    [Fact]
    public async Task A_routed_service_request_sent_back_to_sales_reaches_a_rep_and_becomes_a_commercial_example()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var boxes = Mailboxes(("Links:SigningKey", key));
        await using var app = await TestApp.StartAsync(boxes.Settings);
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new
        {
            name = "Karim Benali", email = "k.benali@transports-benali.example",
            message = "Bonjour, notre facture de mars a été débitée deux fois. Merci de rembourser le second paiement.",
        });
        Assert.Equal("routed_service", Status(await app.WaitForLeadAsync(id, l => Status(l) != "captured", Wait)));
        var serviceMail = Assert.Single(await mail.WaitAsync(boxes.Service, 1, Wait));
        var link = MailboxLinksIn(serviceMail.Html)[(id, "return_to_sales")];
        Assert.Contains("/return_to_sales?t=", serviceMail.Text, StringComparison.Ordinal);

        using (var page = await app.Client.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Send this request to sales?", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("routed_service", Status(await app.GetLeadAsync(id)));

        using (var post = await app.Client.PostAsync(link, new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("Sent to sales", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, Wait);
        Assert.Equal("assigned", Status(lead));
        Assert.Equal("commercial", lead.GetProperty("intent").GetString());
        var returned = Assert.Single(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "returned_to_sales");
        Assert.Equal(boxes.Service, returned.GetProperty("actor").GetString());
        Assert.Single(await mail.WaitAsync(app.RepEmail, 1, Wait));
        var row = await FeedbackRowAsync(app, id);
        Assert.Equal(("commercial", "returned_to_sales", boxes.Service), (row!.GetString("Label"), row.GetString("Source"), row.GetString("Actor")));

        using (var twice = await app.Client.PostAsync(link, new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Contains("Already sent to sales", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await PipelineDrain.UntilIdleAsync(app);
        Assert.Single(await mail.ToAsync(app.RepEmail));
        Assert.Single(EventTypes(await app.GetLeadAsync(id)), t => t == "returned_to_sales");

        // An expired link (signed with the app's key, valid signature) and a tampered one.
        var signer = new ActionLinkSigner(Convert.FromBase64String(key));
        var expired = signer.Sign(new ActionLinkClaims(LeadId.Parse(id), boxes.Service, RepAction.ReturnToSales, TimeProvider.System.GetUtcNow().AddMinutes(-1), ActionLinkSigner.NewNonce()));
        using (var gone = await app.Client.GetAsync($"/api/mailbox/leads/{id}/return_to_sales?t={expired}"))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        }
        var otherAction = signer.Sign(new ActionLinkClaims(LeadId.Parse(id), boxes.Service, RepAction.Release, TimeProvider.System.GetUtcNow().AddDays(1), ActionLinkSigner.NewNonce()));
        using (var moved = await app.Client.GetAsync($"/api/mailbox/leads/{id}/return_to_sales?t={otherAction}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        }
    }

    [Fact]
    public async Task The_feedback_export_is_json_lines_in_the_corpus_format_with_the_last_label_and_needs_the_admin_key()
    {
        await using var app = await TestApp.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var id = await app.PostLeadAsync(new
        {
            firstName = "Jeanne", lastName = "Martin", email = "jeanne@fonderie-vosges.example", company = "Fonderie",
            subject = "Devis", message = "Bonjour, combien coûte l'abonnement pour 12 presses ?",
        });
        var lead = (await app.GetService<ILeadStore>().FindAsync(LeadId.Parse(id), CancellationToken.None))!.Lead;
        var feedback = app.GetService<IScreeningFeedback>();
        Assert.True(await feedback.RecordAsync(FeedbackExamples.From(lead, LeadIntent.Spam, FeedbackSource.ReportedSpam, "rep@example.com", now), CancellationToken.None));
        Assert.False(await feedback.RecordAsync(FeedbackExamples.From(lead, LeadIntent.Spam, FeedbackSource.ReportedSpam, "rep@example.com", now), CancellationToken.None));
        Assert.True(await feedback.RecordAsync(FeedbackExamples.From(lead, LeadIntent.Commercial, FeedbackSource.Released, "admin", now.AddSeconds(1)), CancellationToken.None));
        var row = await FeedbackRowAsync(app, id);
        Assert.Equal((2, "spam", "commercial"), (row!.GetInt32("Revision"), row.GetString("PreviousLabel"), row.GetString("Label")));

        var month = now.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var export = await AdminAsync(app, HttpMethod.Get, $"/api/screening/feedback?from={month}&to={month}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/jsonl", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var record = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal($"feedback-{id}", record.GetProperty("id").GetString());
        Assert.Equal(("form", "commercial", "feedback"), (record.GetProperty("channel").GetString(), record.GetProperty("label").GetString(), record.GetProperty("source").GetString()));
        var fields = record.GetProperty("fields");
        Assert.Equal("x@fonderie-vosges.example", fields.GetProperty("email").GetString());
        Assert.Equal("Bonjour, combien coûte l'abonnement pour 12 presses ?", fields.GetProperty("message").GetString());

        using (var anonymous = await AdminAsync(app, HttpMethod.Get, $"/api/screening/feedback?from={month}", key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var functionKey = await AdminAsync(app, HttpMethod.Get, $"/api/screening/feedback?from={month}", key: TestApp.FunctionKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
        }
        using (var bad = await AdminAsync(app, HttpMethod.Get, "/api/screening/feedback?from=2026-13"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.Contains("from", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var empty = await AdminAsync(app, HttpMethod.Get, "/api/screening/feedback?from=2020-01&to=2020-02"))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Equal("", await empty.Content.ReadAsStringAsync());
        }
    }
}
