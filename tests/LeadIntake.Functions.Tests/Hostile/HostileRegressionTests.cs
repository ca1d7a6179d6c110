using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LeadIntake.Functions.Tests.Dispatch;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LeadIntake.Functions.Tests.Infrastructure.CaptureAssertions;

namespace LeadIntake.Functions.Tests.Hostile;

/// <summary>The 5xx answers of the hostile run on issue 16, one by one: each is a 4xx (or a capture) now, and stores nothing it shouldn't.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class HostileRegressionTests
{
    private const string ImpossibleId = "7ZZZZZZZZZZZZZZZZZZZZZZZZZ";
    private const int RepLeadActionLimit = LeadIntake.Functions.Qualification.RepLeadAction.MaxFormBytes;

    [Fact]
    public async Task A_generic_call_whose_provider_holds_key_characters_is_captured_once()
    {
        await using var app = await TestApp.StartAsync();
        var body = $$"""{ "callId": "c-{{Guid.NewGuid():N}}", "from": "+33612457890", "provider": "pbx#1/a?b\\c", "status": "completed", "durationSec": 20 }""";

        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/call/generic", new StringContent(body, Encoding.UTF8, "application/json")));
        using var again = await app.Client.PostAsync("/api/intake/call/generic", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(id, await AssertCapturedAsync(again, HttpStatusCode.OK));
        Assert.Equal("pbx#1/a?b\\c", (await LoadAsync(app, id)).Provider);
        Assert.Equal(1, await app.CountLeadRowsAsync());
    }

    [Fact]
    public async Task An_impossible_lead_id_is_404_on_the_lead_its_release_and_the_rep_pages()
    {
        await using var app = await TestApp.StartAsync();

        using var get = await Admin(app, HttpMethod.Get, $"/api/leads/{ImpossibleId}");
        using var release = await Admin(app, HttpMethod.Post, $"/api/leads/{ImpossibleId}/release", "{}");
        using var page = await app.Client.GetAsync($"/api/rep/leads/{ImpossibleId}/accept?t=x");
        using var post = await app.Client.PostAsync($"/api/rep/leads/{ImpossibleId}/accept?t=x", new FormUrlEncodedContent([]));

        await BadInputTests.AssertProblemAsync(get, HttpStatusCode.NotFound, "id");
        await BadInputTests.AssertProblemAsync(release, HttpStatusCode.NotFound, "id");
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (post.StatusCode, post.Content.Headers.ContentType?.MediaType));
    }

    [Theory]
    [InlineData("POST", "/api/leads/01M88V3CTSQ0W4VR7QX3CP95QS/release")]
    [InlineData("POST", "/api/sales/reps")]
    [InlineData("POST", "/api/sales/teams")]
    [InlineData("PUT", "/api/sales/rules")]
    [InlineData("POST", "/api/sales/directory/seed")]
    public async Task Invalid_utf8_in_an_admin_json_body_is_400_naming_the_body(string method, string path)
    {
        await using var app = await TestApp.StartAsync();
        byte[] body = [.. "{\"email\":\"a"u8, 0xC3, 0x28, .. "@corp.example\",\"name\":\"x\",\"reason\":\"\xff\"}"u8];

        using var response = await Admin(app, new HttpMethod(method), path, body);

        await BadInputTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [InlineData("al/ice")]
    [InlineData("al#ice")]
    [InlineData("al?ice")]
    public async Task A_rep_email_with_a_key_character_is_422_naming_the_email_and_the_directory_stays_as_it_was(string local)
    {
        await using var app = await TestApp.StartAsync();
        var seeds = new SampleSeeds();
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams());
        var before = (await ListAsync(app, "reps")).GetRawText();
        var bad = seeds.Alice.Replace("alice", local, StringComparison.Ordinal);

        using var seed = await Admin(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams().Replace(seeds.Alice, bad, StringComparison.Ordinal));
        using var rep = await Admin(app, HttpMethod.Post, "/api/sales/reps", $$"""{ "email": "{{bad}}", "name": "Alice" }""");

        await BadInputTests.AssertProblemAsync(seed, HttpStatusCode.UnprocessableEntity, "reps[0].email");
        await BadInputTests.AssertProblemAsync(rep, HttpStatusCode.UnprocessableEntity, "email");
        Assert.Equal(before, (await ListAsync(app, "reps")).GetRawText());
    }

    [Fact]
    public async Task A_seed_that_fails_leaves_the_previous_directory_whole_and_in_use()
    {
        await using var app = await TestApp.StartAsync();
        var seeds = new SampleSeeds();
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams());
        var reps = (await ListAsync(app, "reps")).GetRawText();
        var teams = (await ListAsync(app, "teams")).GetRawText();

        // Invalid in its last item: nothing of it is written.
        var lastBad = seeds.TwoTeams().Replace("\"name\": \"France\", \"team\": \"fr\"", "\"name\": \"France\", \"team\": \"nowhere\"", StringComparison.Ordinal);
        using var invalid = await Admin(app, HttpMethod.Post, "/api/sales/directory/seed", lastBad);
        // Valid, but too large to store: refused before anything is written.
        using var tooLarge = await Admin(app, HttpMethod.Post, "/api/sales/directory/seed", HugeSeed(30_000));

        await BadInputTests.AssertProblemAsync(invalid, HttpStatusCode.UnprocessableEntity, "rules[0].team");
        await BadInputTests.AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Contains("once compressed", await tooLarge.Content.ReadAsStringAsync());
        Assert.Equal(reps, (await ListAsync(app, "reps")).GetRawText());
        Assert.Equal(teams, (await ListAsync(app, "teams")).GetRawText());
        // Dispatch still reads it: a French lead goes to team "fr".
        var id = await app.PostLeadAsync(new { name = "Jeanne Dupont", email = $"j.{Guid.NewGuid():N}@fonderie.example", phone = "+33 3 29 55 12 40", country = "FR", message = "Pouvez-vous nous faire un devis ?" });
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        Assert.Contains(lead.GetProperty("assignedRep").GetString(), new[] { seeds.Alice, seeds.Bob });
    }

    [Fact]
    public async Task A_seed_whose_write_fails_leaves_the_previous_directory_whole_and_a_retry_replaces_it()
    {
        var fault = new FaultyTableWrites("Teams");
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton(new LeadIntake.Functions.Storage.ClientOptionsConfigurer().AddPolicy(fault, Azure.Core.HttpPipelinePosition.PerRetry)));
        var first = new SampleSeeds();
        var second = new SampleSeeds();
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", first.TwoTeams());
        var reps = (await ListAsync(app, "reps")).GetRawText();

        fault.Failing = true;
        using var failed = await Admin(app, HttpMethod.Post, "/api/sales/directory/seed", second.TwoTeams());
        fault.Failing = false;

        Assert.True((int)failed.StatusCode >= 500, $"{(int)failed.StatusCode}: the write failed, the seed can't have been applied");
        Assert.True(fault.Failed > 0);
        Assert.Equal(reps, (await ListAsync(app, "reps")).GetRawText());
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", second.TwoTeams());
        Assert.Contains(second.Alice, (await ListAsync(app, "reps")).GetRawText());
        Assert.DoesNotContain(first.Alice, (await ListAsync(app, "reps")).GetRawText());
    }

    [Fact]
    public async Task A_directory_stored_one_row_per_item_is_read_until_a_seed_replaces_it_and_removes_the_old_rows()
    {
        await using var app = await TestApp.StartAsync();
        var seeds = new SampleSeeds();
        var old = JsonNode.Parse(seeds.TwoTeams(), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true })!;
        var repsTable = app.Table("SalesReps");
        var teamsTable = app.Table("Teams");
        foreach (var rep in old["reps"]!.AsArray()) await repsTable.AddEntityAsync(new TableEntity("rep", rep!["email"]!.GetValue<string>().ToLowerInvariant()) { ["Data"] = rep.ToJsonString() });
        foreach (var team in old["teams"]!.AsArray()) await teamsTable.AddEntityAsync(new TableEntity("team", team!["id"]!.GetValue<string>()) { ["Data"] = team.ToJsonString() });
        await teamsTable.AddEntityAsync(new TableEntity("rules", "current") { ["Data"] = new JsonObject { ["defaultTeam"] = "general", ["rules"] = old["rules"]!.DeepClone() }.ToJsonString() });

        Assert.Equal(4, (await ListAsync(app, "reps")).GetArrayLength());
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/reps", $$"""{ "email": "dan-{{Guid.NewGuid():N}}@corp.example", "name": "Dan" }""");
        Assert.Equal(5, (await ListAsync(app, "reps")).GetArrayLength());
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", new SampleSeeds().TwoTeams());

        Assert.Equal(4, (await ListAsync(app, "reps")).GetArrayLength());
        Assert.Empty(await repsTable.QueryAsync<TableEntity>("PartitionKey eq 'rep'").ToListAsync());
        Assert.Empty(await teamsTable.QueryAsync<TableEntity>("PartitionKey eq 'team' or PartitionKey eq 'rules'").ToListAsync());
    }

    [Fact]
    public async Task A_rep_page_form_that_cant_be_read_is_4xx_changes_nothing_and_leaves_the_link_usable()
    {
        var signingKey = RandomNumberGenerator.GetBytes(32);
        await using var app = await TestApp.StartAsync(new() { ["Links:SigningKey"] = Convert.ToBase64String(signingKey) });
        var target = await HostileInputTests.PrepareAsync(app, signingKey, Guid.NewGuid().ToString("N")[..8]);
        var link = target.RepLink(target.LeadId, "disqualify");
        var fields = string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=v"));
        (string ContentType, byte[] Body)[] broken =
        [
            ("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nno_budget\r\n--x--\r\n"u8.ToArray()),
            ("multipart/form-data; boundary=x", "--x\r\nnot a header\r\n\r\n--y--"u8.ToArray()),
            ("multipart/form-data; boundary=" + new string('b', 5000), "--b\r\n"u8.ToArray()),
            ("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(fields)),
            ("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("reason=no_budget&note=" + new string('x', 100_000))),
            ("application/x-www-form-urlencoded", [.. "reason=no_budget&note="u8, 0xC3, 0x28]),
        ];

        foreach (var (contentType, body) in broken)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            // A large body waits for 100-continue, so the 413 is read instead of a connection closed under the upload.
            using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = content };
            request.Headers.ExpectContinue = body.Length > RepLeadActionLimit;
            using var response = await app.Client.SendAsync(request);
            Assert.True((int)response.StatusCode is 400 or 413, $"{contentType}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal("assigned", (await app.GetLeadAsync(target.LeadId)).GetProperty("status").GetString());

        using var valid = await app.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "no_budget", ["note"] = "a\u0001b" }));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("nurture", (await app.GetLeadAsync(target.LeadId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_rep_page_post_without_a_valid_link_is_refused_before_its_body_is_read()
    {
        await using var app = await TestApp.StartAsync();
        var id = "01M88V3CTSQ0W4VR7QX3CP95QS";
        using var content = new ByteArrayContent("--x\r\nnot a header"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + new string('b', 5000));

        using var response = await app.Client.PostAsync($"/api/rep/leads/{id}/accept?t=forged", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync());
    }

    private static string HugeSeed(int reps)
    {
        var seed = new JsonObject
        {
            ["defaultTeam"] = "general",
            ["reps"] = new JsonArray([.. Enumerable.Range(0, reps).Select(i => (JsonNode)new JsonObject { ["email"] = $"r{i}-{Guid.NewGuid():N}@corp.example", ["name"] = $"{Guid.NewGuid():N}{Guid.NewGuid():N}" })]),
            ["teams"] = new JsonArray(new JsonObject { ["id"] = "general", ["members"] = new JsonArray(), ["manager"] = "boss@corp.example" }),
            ["rules"] = new JsonArray(),
        };
        return seed.ToJsonString();
    }

    private static async Task<JsonElement> ListAsync(TestApp app, string collection) =>
        (await RepPagesTests.AdminAsync(app, HttpMethod.Get, $"/api/sales/{collection}")).GetProperty(collection);

    private static Task<HttpResponseMessage> Admin(TestApp app, HttpMethod method, string path, string? json = null) =>
        Admin(app, method, path, json is null ? null : Encoding.UTF8.GetBytes(json));

    private static Task<HttpResponseMessage> Admin(TestApp app, HttpMethod method, string path, byte[]? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        return app.Client.SendAsync(request);
    }
}
