using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests.Console;

/// <summary>
/// The cockpit over HTTP against the real app (Azurite, Kestrel on loopback, maildev): <c>GET /api/leads</c> and its
/// contract, the exports, and the sign-in and CSRF rules.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ConsoleApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string QuoteRequest = "Bonjour, pouvez-vous nous faire une proposition chiffrée pour 200 pièces usinées ? Merci.";

    [Fact]
    public async Task Lead_list_needs_the_admin_key_or_a_sign_in_and_answers_the_contract_newest_first()
    {
        await using var app = await TestApp.StartAsync();
        var first = await app.PostLeadAsync(new { name = "Anne Roux", email = "a.roux@scierie-roux.example", message = QuoteRequest });
        var second = await app.PostLeadAsync(new { name = "Paul Blanc", email = "p.blanc@forges-blanc.example", message = QuoteRequest });

        using var anonymous = await app.Client.GetAsync("/api/leads");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        using var wrongKey = await AdminGetAsync(app, "/api/leads", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var list = await ListAsync(app, "/api/leads");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([second, first], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("continuationToken").ValueKind);
        foreach (var property in new[] { "id", "status", "intent", "channel", "provider", "capturedAt", "assignedRep" })
        {
            Assert.True(items[0].TryGetProperty(property, out _), $"an item has no '{property}'");
        }
        Assert.Equal("form", items[0].GetProperty("channel").GetString());

        using var console = await ConsoleClient.SignInAsync(app);
        using var signedIn = await console.Http.GetAsync("/api/leads");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Lead_list_pages_with_continuation_tokens_and_filters_by_channel_utm_status_and_contact()
    {
        await using var app = await TestApp.StartAsync();
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add(await app.PostLeadAsync(new { name = $"Client {i}", email = $"client{i}@atelier-{i}.example", phone = $"03 29 55 12 4{i}", country = "FR", message = QuoteRequest, utm_source = i == 1 ? "linkedin" : "google", utm_campaign = "hiver" }));
        }
        var page1 = await ListAsync(app, "/api/leads?pageSize=2");
        Assert.Equal([ids[2], ids[1]], Ids(page1));
        var token = page1.GetProperty("continuationToken").GetString();
        Assert.NotNull(token);
        var page2 = await ListAsync(app, $"/api/leads?pageSize=2&continuationToken={token}");
        Assert.Equal([ids[0]], Ids(page2));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("continuationToken").ValueKind);

        Assert.Equal([ids[1]], Ids(await ListAsync(app, "/api/leads?utmSource=LinkedIn")));
        Assert.Equal(3, Ids(await ListAsync(app, "/api/leads?utmCampaign=hiver&channel=form")).Count);
        Assert.Empty(Ids(await ListAsync(app, "/api/leads?channel=call")));

        // Search by email (any case) or by phone, national or international, normalised as screening does.
        foreach (var id in ids) await app.WaitForLeadAsync(id, l => l.GetProperty("status").GetString() != "captured", Wait);
        Assert.Equal([ids[2]], Ids(await ListAsync(app, "/api/leads?q=CLIENT2@atelier-2.example")));
        Assert.Equal([ids[0]], Ids(await ListAsync(app, "/api/leads?q=%2B33329551240")));
        Assert.Equal([ids[1]], Ids(await ListAsync(app, "/api/leads?q=03%2029%2055%2012%2041")));
        var status = (await app.GetLeadAsync(ids[0])).GetProperty("status").GetString();
        Assert.Equal(3, Ids(await ListAsync(app, $"/api/leads?status={status}")).Count);
        Assert.Empty(Ids(await ListAsync(app, "/api/leads?status=won")));
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("intent=maybe", "intent")]
    [InlineData("channel=fax", "channel")]
    [InlineData("from=2026-13-40", "from")]
    [InlineData("from=2026-12-10&to=2026-12-01", "from")]
    [InlineData("from=2020-01-01&to=2026-01-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("continuationToken=not-a-token", "continuationToken")]
    [InlineData("q=hello", "q")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("status=mql&status=sql", "status")]
    public async Task Bad_lead_list_parameters_answer_400_naming_the_parameter(string query, string field)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await AdminGetAsync(app, $"/api/leads?{query}", TestApp.AdminKey);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Lead_exports_in_csv_and_xlsx_neutralise_cells_a_spreadsheet_would_run()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.PostLeadAsync(new { name = "=HYPERLINK(\"http://evil.example\",\"x\")", email = "c.dupont@cartonnerie.example", company = "@SUM(1+1)", message = QuoteRequest });

        using var csv = await AdminGetAsync(app, "/api/leads/export/csv", TestApp.AdminKey);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFid,capturedAt,status", text, StringComparison.Ordinal);
        Assert.Contains(id, text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1),", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);

        using var xlsx = await AdminGetAsync(app, "/api/leads/export/xlsx", TestApp.AdminKey);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await sheet.ReadToEndAsync();
        Assert.Contains("'=HYPERLINK(", xml, StringComparison.Ordinal);
        Assert.Contains("'@SUM(1+1)", xml, StringComparison.Ordinal);
        System.Xml.Linq.XDocument.Parse(xml);

        using var anonymous = await app.Client.GetAsync("/api/leads/export/csv");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var unknown = await AdminGetAsync(app, "/api/leads/export/pdf", TestApp.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/api/console")]
    [InlineData("/api/console/leads?status=mql")]
    [InlineData("/api/console/quarantine")]
    [InlineData("/api/console/leads/01KBE0S8E7ZVZ1W5X3T8M4Q2AB")]
    public async Task A_page_without_a_sign_in_redirects_to_the_sign_in_page_and_back(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var client = ConsoleClient.Anonymous(app);
        using var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/api/console/sign-in?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_in_takes_the_admin_key_and_sets_an_http_only_strict_cookie_and_sign_out_removes_it()
    {
        await using var app = await TestApp.StartAsync();
        using var client = ConsoleClient.Anonymous(app);
        var token = await client.TokenAsync("/api/console/sign-in");

        using var wrong = await client.PostFormAsync("/api/console/sign-in", [new("key", "guess"), new("csrf", token)]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("sign-in-error", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var signIn = await client.PostFormAsync("/api/console/sign-in", [new("key", TestApp.AdminKey), new("csrf", token), new("returnUrl", "https://evil.example/")]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/api/console", signIn.Headers.Location?.OriginalString); // never off-site
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("leadintake.console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP on loopback: Secure only over HTTPS

        using var today = await client.Http.GetAsync("/api/console");
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        Assert.Contains("id=\"by-channel\"", await today.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signOutToken = await client.TokenAsync("/api/console");
        using var signOut = await client.PostFormAsync("/api/console/sign-out", [new("csrf", signOutToken)]);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await client.Http.GetAsync("/api/console");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        using var json = await client.Http.GetAsync("/api/leads");
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
    }

    [Fact]
    public async Task Forms_without_a_valid_csrf_token_are_refused_with_a_400_problem_and_change_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.PostLeadAsync(new { name = "Julie Moreau", email = "j.moreau@chaudronnerie-alpes.example", website = "autofill", message = QuoteRequest });
        await app.WaitForLeadAsync(id, l => l.GetProperty("status").GetString() == "spam", Wait);

        using var anonymous = ConsoleClient.Anonymous(app);
        using var noToken = await anonymous.PostFormAsync("/api/console/sign-in", [new("key", TestApp.AdminKey)]);
        await AssertCsrfProblemAsync(noToken);

        using var console = await ConsoleClient.SignInAsync(app);
        using var missing = await console.PostFormAsync($"/api/console/leads/{id}/release", [new("reason", "no token")]);
        await AssertCsrfProblemAsync(missing);
        using var forged = await console.PostFormAsync($"/api/console/leads/{id}/release", [new("csrf", "CfDJ8forged"), new("reason", "forged")]);
        await AssertCsrfProblemAsync(forged);
        // A token from another browser (another antiforgery cookie) is refused too.
        using var other = ConsoleClient.Anonymous(app);
        var foreign = await other.TokenAsync("/api/console/sign-in");
        using var crossSite = await console.PostFormAsync("/api/console/quarantine", [new("csrf", foreign), new("op", "release"), new("id", id)]);
        await AssertCsrfProblemAsync(crossSite);

        Assert.Equal("spam", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Console_actions_are_recorded_with_who_and_when_release_then_nurture()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.PostLeadAsync(new { name = "Julie Moreau", email = "j.moreau@chaudronnerie-alpes.example", website = "autofill", message = QuoteRequest });
        await app.WaitForLeadAsync(id, l => l.GetProperty("status").GetString() == "spam", Wait);
        using var console = await ConsoleClient.SignInAsync(app);

        var token = await console.TokenAsync($"/api/console/leads/{id}/release");
        using var release = await console.PostFormAsync($"/api/console/leads/{id}/release", [new("csrf", token), new("reason", "password manager autofill")]);
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);
        Assert.Equal($"/api/console/leads/{id}?done=release", release.Headers.Location?.OriginalString);
        var lead = await app.WaitForLeadAsync(id, l => l.GetProperty("status").GetString() == "assigned", Wait);
        var released = Assert.Single(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "released");
        Assert.Equal("admin", released.GetProperty("actor").GetString());
        Assert.Contains("password manager autofill", released.GetProperty("detail").GetString(), StringComparison.Ordinal);

        token = await console.TokenAsync($"/api/console/leads/{id}/nurture");
        using var nurture = await console.PostFormAsync($"/api/console/leads/{id}/nurture", [new("csrf", token)]);
        Assert.Equal(HttpStatusCode.Redirect, nurture.StatusCode);
        lead = await app.GetLeadAsync(id);
        Assert.Equal("nurture", lead.GetProperty("status").GetString());
        var nurtured = Assert.Single(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "nurtured");
        Assert.Equal("admin", nurtured.GetProperty("actor").GetString());
        Assert.True((TimeProvider.System.GetUtcNow() - nurtured.GetProperty("at").GetDateTimeOffset()).Duration() < TimeSpan.FromMinutes(1));

        // Not allowed any more in this status: the confirmation page says so, and a post anyway is 409, nothing saved.
        using var confirmation = await console.Http.GetAsync($"/api/console/leads/{id}/release");
        Assert.Equal(HttpStatusCode.Conflict, confirmation.StatusCode);
        token = await console.TokenAsync($"/api/console/leads/{id}");
        using var again = await console.PostFormAsync($"/api/console/leads/{id}/release", [new("csrf", token)]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("nurture", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reassigning_from_the_console_moves_the_lead_to_the_chosen_rep_mails_them_and_records_who()
    {
        await using var app = await TestApp.StartAsync();
        var seeds = new Dispatch.SampleSeeds();
        await Dispatch.RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams());
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new { name = "Paul Lambert", email = "p.lambert@scierie-jura.example", company = "Scierie du Jura", country = "FR", message = QuoteRequest });
        var first = (await app.WaitForLeadAsync(id, TestApp.IsNotified, Wait)).GetProperty("assignedRep").GetString();
        var chosen = first == seeds.Alice ? seeds.Carol : seeds.Alice;
        using var console = await ConsoleClient.SignInAsync(app);

        using var page = await console.Http.GetAsync($"/api/console/leads/{id}/reassign");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{chosen}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{first}\"", html, StringComparison.Ordinal); // not back to the current owner
        var token = await console.TokenAsync($"/api/console/leads/{id}/reassign");
        using var unknownRep = await console.PostFormAsync($"/api/console/leads/{id}/reassign", [new("csrf", token), new("rep", "nobody@corp.example")]);
        Assert.Equal(HttpStatusCode.Conflict, unknownRep.StatusCode);
        using var reassign = await console.PostFormAsync($"/api/console/leads/{id}/reassign", [new("csrf", token), new("rep", chosen)]);
        Assert.Equal(HttpStatusCode.Redirect, reassign.StatusCode);

        var lead = await app.GetLeadAsync(id);
        Assert.Equal(chosen, lead.GetProperty("assignedRep").GetString());
        Assert.Equal(1, lead.GetProperty("sla").GetProperty("reassignmentCount").GetInt32());
        var reassigned = Assert.Single(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "reassigned");
        Assert.Equal("admin", reassigned.GetProperty("actor").GetString());
        Assert.Contains(await mail.WaitAsync(chosen, 1, Wait), m => m.Html.Contains("Scierie du Jura", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Marking_an_assigned_lead_as_spam_quarantines_it_and_stores_a_spam_example()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.PostLeadAsync(new { name = "Marc Petit", email = "m.petit@menuiserie-petit.example", message = QuoteRequest });
        await app.WaitForLeadAsync(id, TestApp.IsNotified, Wait);
        using var console = await ConsoleClient.SignInAsync(app);
        var token = await console.TokenAsync($"/api/console/leads/{id}/spam");
        using var spam = await console.PostFormAsync($"/api/console/leads/{id}/spam", [new("csrf", token), new("reason", "reseller fishing for prices")]);
        Assert.Equal(HttpStatusCode.Redirect, spam.StatusCode);

        var lead = await app.GetLeadAsync(id);
        Assert.Equal("spam", lead.GetProperty("status").GetString());
        var disqualified = Assert.Single(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "disqualified");
        Assert.Equal("admin", disqualified.GetProperty("actor").GetString());
        var month = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var examples = new List<Core.Screening.Feedback.FeedbackExample>();
        await foreach (var example in app.GetService<Core.Screening.Feedback.IScreeningFeedback>().ListAsync(month.AddMonths(-1), month, CancellationToken.None)) examples.Add(example);
        var stored = Assert.Single(examples, e => e.LeadId.Value == id);
        Assert.Equal(Core.Leads.LeadIntent.Spam, stored.Label);
        Assert.Equal(Core.Screening.Feedback.FeedbackSource.ReportedSpam, stored.Source);
    }

    [Fact]
    public async Task App_Service_principal_header_is_trusted_only_in_EasyAuth_mode_and_names_the_actor()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"preferred_username","val":"claire.manager@example.com"},{"typ":"name","val":"Claire Manager"}]}"""));
        await using (var local = await TestApp.StartAsync())
        {
            using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/leads");
            forged.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
            using var refused = await local.Client.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await using var app = await TestApp.StartAsync(new() { ["Console:Auth"] = "EasyAuth" });
        var id = await app.PostLeadAsync(new { name = "Julie Moreau", email = "j.moreau@chaudronnerie-alpes.example", website = "autofill", message = QuoteRequest });
        await app.WaitForLeadAsync(id, l => l.GetProperty("status").GetString() == "spam", Wait);
        using var client = ConsoleClient.Anonymous(app);
        client.Http.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", principal);
        using var list = await client.Http.GetAsync("/api/leads");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var signInPage = ConsoleClient.Anonymous(app);
        using var easyAuth = await signInPage.Http.GetAsync("/api/console/sign-in");
        Assert.Contains("/.auth/login/aad", await easyAuth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await client.TokenAsync($"/api/console/leads/{id}/release");
        using var release = await client.PostFormAsync($"/api/console/leads/{id}/release", [new("csrf", token)]);
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);
        var lead = await app.GetLeadAsync(id);
        var released = Assert.Single(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "released");
        Assert.Equal("Claire Manager", released.GetProperty("actor").GetString());
    }

    private static async Task AssertCsrfProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("csrf", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    private static List<string?> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();

    private static async Task<JsonElement> ListAsync(TestApp app, string path)
    {
        using var response = await AdminGetAsync(app, path, TestApp.AdminKey);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> AdminGetAsync(TestApp app, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", key);
        return app.Client.SendAsync(request);
    }
}
