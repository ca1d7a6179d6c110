using System.Net;
using System.Text.Json;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests.Dispatch;

[Collection(IntegrationCollection.Name)]
public sealed class RepPagesTests
{
    private static readonly object FrenchLead = new
    {
        name = "Sophie Garnier", email = "s.garnier@fonderie.example", phone = "+33 3 29 55 12 40",
        company = "Fonderie <Vosges>", country = "FR", message = "Pouvez-vous nous faire une proposition chiffrée ?",
    };

    [Fact]
    public async Task Rep_accepts_then_qualifies_through_the_mail_links_and_each_link_works_once()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(FrenchLead);
        var repMail = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10)));
        var links = RepLinkReader.Links(repMail.Html);
        Assert.Equal(["accept", "disqualify", "nurture", "qualify"], links.Keys.Order());

        // GET only shows the confirmation: a mail scanner prefetching the link accepts nothing.
        using (var get = await app.Client.GetAsync(links["accept"]))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var page = await get.Content.ReadAsStringAsync();
            Assert.Contains("<form method=\"post\"", page);
            Assert.Contains("name=\"viewport\"", page);
            Assert.DoesNotContain("<script", page);
            Assert.Contains("Fonderie &lt;Vosges&gt;", page);
            Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
        }
        Assert.Equal("assigned", (await app.GetLeadAsync(id)).GetProperty("status").GetString());

        using (var post = await app.Client.PostAsync(links["accept"], new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("Lead accepted", await post.Content.ReadAsStringAsync());
        }
        Assert.Equal("accepted", (await app.GetLeadAsync(id)).GetProperty("status").GetString());

        using (var again = await app.Client.GetAsync(links["accept"]))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            var page = await again.Content.ReadAsStringAsync();
            Assert.Contains("already used", page);
            Assert.Contains("data-status=\"accepted\"", page);
        }
        using (var replay = await app.Client.PostAsync(links["accept"], new FormUrlEncodedContent([])))
        {
            Assert.Contains("Nothing to change", await replay.Content.ReadAsStringAsync());
        }

        var qualify = links["qualify"];
        using (var form = await app.Client.GetAsync(qualify))
        {
            Assert.Contains("name=\"budget_amount\"", await form.Content.ReadAsStringAsync());
        }
        using (var bad = await app.Client.PostAsync(qualify, new FormUrlEncodedContent(new Dictionary<string, string> { ["budget_amount"] = "lots", ["timing_date"] = "soon" })))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            var page = await bad.Content.ReadAsStringAsync();
            Assert.Contains("Budget amount</a>: Enter an amount", page); // the field in words, not its id
            Assert.Contains("Timing date</a>:", page);
            Assert.Contains("id=\"budget_amount\" name=\"budget_amount\" value=\"lots\"", page); // what was typed stays
        }
        using (var post = await app.Client.PostAsync(qualify, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["budget_amount"] = "25 000", ["currency"] = "EUR", ["authority"] = "decision_maker", ["role"] = "plant manager",
            ["need"] = "Castings for a new press line", ["timing_horizon"] = "within_quarter",
        })))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            var page = await post.Content.ReadAsStringAsync();
            Assert.Contains("data-status=\"sal\"", page);
            Assert.Contains("/opportunity?t=", page); // the next step, freshly signed
        }
        var lead = await app.GetLeadAsync(id);
        Assert.Equal("sal", lead.GetProperty("status").GetString());
        // The admin API shows what the rep recorded and the SLA facts.
        var bant = lead.GetProperty("bant");
        Assert.Equal(25000m, bant.GetProperty("budget").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", bant.GetProperty("budget").GetProperty("currency").GetString());
        Assert.Equal("decision_maker", bant.GetProperty("authority").GetProperty("level").GetString());
        Assert.Equal("within_quarter", bant.GetProperty("timing").GetProperty("horizon").GetString());
        Assert.True(bant.GetProperty("isComplete").GetBoolean());
        var sla = lead.GetProperty("sla");
        Assert.Equal("default", sla.GetProperty("team").GetString());
        Assert.False(sla.TryGetProperty("dueAt", out _)); // no directory: nobody else could take it, no deadline
        Assert.True(sla.TryGetProperty("acceptedAt", out _));
        Assert.Equal(0, sla.GetProperty("reassignmentCount").GetInt32());
        var events = lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["captured", "screened", "assigned", "rep_notified", "accepted", "bant_recorded", "qualified_sql", "qualified_sal"], events);
    }

    [Fact]
    public async Task Rep_opens_the_lead_page_from_the_mail_as_often_as_needed_and_sees_contact_bant_and_current_actions()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(FrenchLead);
        var repMail = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain($"/api/leads/{id}", repMail.Html); // the admin API is no page for a rep
        var leadPage = RepLinkReader.LeadPage(repMail.Html);
        Assert.NotNull(leadPage);

        for (int i = 0; i < 2; i++)
        {
            using var get = await app.Client.GetAsync(leadPage);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
            var page = await get.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Fonderie &lt;Vosges&gt; &#183; Sophie Garnier</h1>", page);
            Assert.Contains("href=\"tel:+33329551240\">+33 3 29 55 12 40</a>", page);
            Assert.Contains("href=\"mailto:s.garnier@fonderie.example\"", page);
            Assert.Contains("Pouvez-vous nous faire une proposition chiffrée ?", WebUtility.HtmlDecode(page));
            Assert.Contains("/accept?t=", page);
            Assert.DoesNotContain("<form", page);
            Assert.DoesNotContain("<script", page);
        }
        Assert.Equal("assigned", (await app.GetLeadAsync(id)).GetProperty("status").GetString());

        var links = RepLinkReader.Links(repMail.Html);
        using (await app.Client.PostAsync(links["accept"], new FormUrlEncodedContent([]))) { }
        using (var qualified = await app.Client.PostAsync(links["qualify"], new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["budget_amount"] = "25000", ["authority"] = "decision_maker", ["need"] = "Castings", ["timing_horizon"] = "within_quarter",
        })))
        {
            Assert.Equal(HttpStatusCode.OK, qualified.StatusCode);
            Assert.NotNull(RepLinkReader.LeadPage(await qualified.Content.ReadAsStringAsync())); // the result page offers the lead page
        }
        using (var after = await app.Client.GetAsync(leadPage))
        {
            var page = await after.Content.ReadAsStringAsync();
            Assert.Contains("data-status=\"sal\"", page);
            Assert.Contains("25,000 EUR", page);
            Assert.Contains("decision maker", page);
            Assert.Contains("Qualified (SAL)", page);
            Assert.Contains("/opportunity?t=", page);
            Assert.DoesNotContain("/accept?t=", page);
        }

        var token = leadPage![(leadPage.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
        using (var tampered = await app.Client.GetAsync(leadPage[..^3] + (leadPage[^3] == 'A' ? 'B' : 'A') + leadPage[^2..]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        }
        using (var asAction = await app.Client.PostAsync($"/api/rep/leads/{id}/view?t={token}", new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.NotFound, asAction.StatusCode); // a view link acts on nothing
        }
        using (var accept = await app.Client.GetAsync($"/api/rep/leads/{id}?t={links["accept"][(links["accept"].IndexOf("?t=", StringComparison.Ordinal) + 3)..]}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode); // an action link opens no lead page
        }
    }

    [Fact]
    public async Task Forms_say_what_a_partial_save_kept_ask_the_won_amount_and_explain_a_stale_link_in_words()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(FrenchLead);
        var links = RepLinkReader.Links(Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10))).Html);

        string page;
        using (var partial = await app.Client.PostAsync(links["qualify"], new FormUrlEncodedContent(new Dictionary<string, string> { ["budget_amount"] = "30000", ["need"] = "Castings" })))
        {
            page = await partial.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
            Assert.Contains("Saved: budget, need.", page);
            Assert.Contains("Still missing for an SQL: authority, timing.", page);
        }
        var qualifyAgain = RepLinkReader.Links(page)["qualify"];
        using (var full = await app.Client.PostAsync(qualifyAgain, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["budget_amount"] = "30000", ["authority"] = "decision_maker", ["need"] = "Castings", ["timing_horizon"] = "within_month",
        })))
        {
            page = await full.Content.ReadAsStringAsync();
        }
        using (var opportunity = await app.Client.PostAsync(RepLinkReader.Links(page)["opportunity"], new FormUrlEncodedContent([])))
        {
            page = await opportunity.Content.ReadAsStringAsync();
        }
        var next = RepLinkReader.Links(page);
        using (var wonForm = await app.Client.GetAsync(next["won"]))
        {
            Assert.Contains("name=\"amount\"", await wonForm.Content.ReadAsStringAsync());
        }
        using (var won = await app.Client.PostAsync(next["won"], new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "41 500", ["currency"] = "eur" })))
        {
            Assert.Contains("Won: 41,500 EUR", await won.Content.ReadAsStringAsync());
        }
        var lead = await app.GetLeadAsync(id);
        Assert.Equal(41500m, lead.GetProperty("wonAmount").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", lead.GetProperty("wonAmount").GetProperty("currency").GetString());

        // The old "lost" link, after "won": no form, and no developer wording, but what happened and the lead page.
        foreach (var stale in new[] { await app.Client.GetAsync(next["lost"]), await app.Client.PostAsync(next["lost"], new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "price" })) })
        {
            using (stale)
            {
                Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
                page = await stale.Content.ReadAsStringAsync();
                Assert.DoesNotContain("<form", page);
                Assert.DoesNotContain("allowed from", page);
                // The team's zone (UTC without a directory) and its abbreviation.
                Assert.Matches("This lead was marked won on \\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{2}:\\d{2} UTC by Test Rep", page);
                Assert.NotNull(RepLinkReader.LeadPage(page));
            }
        }
        Assert.Equal("won", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Disqualifying_for_no_need_says_the_lead_returns_to_nurture()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        await app.PostLeadAsync(FrenchLead);
        var links = RepLinkReader.Links(Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10))).Html);

        using (var form = await app.Client.GetAsync(links["disqualify"]))
        {
            Assert.Contains(">no need (back to nurture)</option>", await form.Content.ReadAsStringAsync());
        }
        using var post = await app.Client.PostAsync(links["disqualify"], new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "no_need" }));
        Assert.Contains("<h1>Returned to marketing for nurture (no need)</h1>", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tampered_expired_or_malformed_links_get_a_clear_page_and_change_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(FrenchLead);
        var links = RepLinkReader.Links(Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10))).Html);

        var accept = links["accept"];
        var tampered = accept[..^3] + (accept[^3] == 'A' ? 'B' : 'A') + accept[^2..];
        using (var response = await app.Client.PostAsync(tampered, new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync());
        }
        // A genuine token moved to another action's URL is tampered too.
        using (var moved = await app.Client.PostAsync(accept.Replace("/accept?", "/nurture?", StringComparison.Ordinal), new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        }
        using (var malformed = await app.Client.GetAsync($"/api/rep/leads/{id}/accept?t=%3Cscript%3E"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, malformed.StatusCode);
            Assert.DoesNotContain("<script>", await malformed.Content.ReadAsStringAsync());
        }
        using (var unknown = await app.Client.GetAsync($"/api/rep/leads/{id}/explode?t=x"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        Assert.Equal("assigned", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_invalid_transition_shows_409_and_leaves_the_link_usable()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(FrenchLead);
        var links = RepLinkReader.Links(Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10))).Html);

        using (var nurture = await app.Client.PostAsync(links["nurture"], new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.OK, nurture.StatusCode);
        }
        using var accept = await app.Client.PostAsync(links["accept"], new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        Assert.Contains("data-status=\"nurture\"", await accept.Content.ReadAsStringAsync());
        Assert.Equal("nurture", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
    }

    internal static async Task<JsonElement> AdminAsync(TestApp app, HttpMethod method, string path, string? json = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
