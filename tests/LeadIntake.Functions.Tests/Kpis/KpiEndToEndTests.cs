using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Kpis;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests.Kpis;

[Collection(IntegrationCollection.Name)]
public sealed class KpiEndToEndTests
{
    // 10 November 2026, 10:00 Paris: a closed month when the tests run (December 2026 or later).
    private static readonly DateTimeOffset November = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    internal static async Task<JsonElement> KpisAsync(TestApp app, string query)
    {
        using var response = await AdminAsync(app, HttpMethod.Get, "/api/kpis?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static Task<HttpResponseMessage> AdminAsync(TestApp app, HttpMethod method, string url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        return app.Client.SendAsync(request);
    }

    internal static long Count(JsonElement report, string stage, string scope = "total") =>
        (scope == "total" ? report.GetProperty("total") : report.GetProperty("channels").GetProperty(scope)).GetProperty(stage).GetInt64();

    [Fact]
    public async Task A_form_lead_through_the_real_pipeline_is_counted_as_mcl_and_mql_this_month()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.PostLeadAsync(new
        {
            name = "Daniel Okafor",
            email = "dokafor@northbridge.example",
            phone = "+44 20 7946 0958",
            message = "Could you send us a quote for 40 vibration sensors and the monitoring software?",
            utm_source = "Google",
        });
        await app.WaitForLeadAsync(id, TestApp.IsNotified, Wait);

        var report = await KpisAsync(app, "");
        Assert.Equal(1, Count(report, "mcl"));
        Assert.Equal(1, Count(report, "mql"));
        Assert.Equal(1, Count(report, "mql", "form"));
        Assert.Equal(0, Count(report, "spam"));
        Assert.Equal(1, report.GetProperty("reps")[0].GetProperty("assigned").GetInt64());
        Assert.Equal(1, report.GetProperty("total").GetProperty("velocity").GetProperty("captured_to_mql").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Stage_changes_saved_through_the_store_give_the_contract_s_counts_rates_and_velocity()
    {
        await using var app = await TestApp.StartAsync();
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        await leads.WonAsync(November);
        var open = await leads.CaptureAsync(November.AddHours(3), "linkedin");
        await leads.MoveAsync(open, LeadStatus.Mql, November.AddHours(3).AddMinutes(1), "screened", "intent=commercial status=mql");
        var spam = await leads.CaptureAsync(November.AddHours(4));
        await leads.MoveAsync(spam, LeadStatus.Spam, November.AddHours(4), "screened", "intent=spam status=spam");

        var report = await KpisAsync(app, "month=2026-11&mode=period");
        Assert.Equal("2026-11", report.GetProperty("month").GetString());
        Assert.Equal("period", report.GetProperty("mode").GetString());
        foreach (var stage in new[] { "mcl", "mql", "sql", "sal", "opportunity", "won", "lost", "nurture", "spam", "service", "hr", "other" })
            Assert.True(report.GetProperty("total").TryGetProperty(stage, out _), stage);
        Assert.Equal((2L, 2L, 1L, 1L, 1L), (Count(report, "mcl"), Count(report, "mql"), Count(report, "sql"), Count(report, "won"), Count(report, "spam")));
        var total = report.GetProperty("total");
        Assert.Equal(0.5, total.GetProperty("transformation").GetDouble());
        Assert.Equal(JsonValueKind.Null, total.GetProperty("conversion").ValueKind);
        Assert.Equal(JsonValueKind.Null, total.GetProperty("cpl").ValueKind);
        Assert.Equal(JsonValueKind.Null, total.GetProperty("cac").ValueKind);
        Assert.Equal(JsonValueKind.Null, total.GetProperty("lvr").ValueKind);
        var mqlToSql = total.GetProperty("velocity").GetProperty("mql_to_sql");
        Assert.Equal((1L, 0.5), (mqlToSql.GetProperty("count").GetInt64(), mqlToSql.GetProperty("open").GetDouble()));
        Assert.InRange(mqlToSql.GetProperty("p50Seconds").GetInt64(), 59 * 60 * 0.909, 59 * 60 * 1.091); // 59 minutes, within the bucket error
        Assert.Matches("^[0-9]{2}:[0-9]{2}$", mqlToSql.GetProperty("p50").GetString());

        var cohort = await KpisAsync(app, "month=2026-11&mode=cohort&window=30");
        Assert.Equal(30, cohort.GetProperty("windowDays").GetInt32());
        Assert.Contains(cohort.GetProperty("windowComplete").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Equal(1, Count(cohort, "won"));
    }

    [Fact]
    public async Task A_failed_projection_leaves_the_save_done_and_the_recomputation_restates_the_closed_month()
    {
        // The buffer's own timer stays out of the way (its first tick is 30 s away): the test flushes by hand.
        await using var app = await TestApp.StartAsync(new() { ["Kpis:ProjectionFlushInterval"] = "00:01:00" });
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        await leads.WonAsync(November);
        var buffer = app.GetService<KpiProjectionBuffer>();
        await buffer.FlushAsync(CancellationToken.None);
        var kpis = app.Table("Kpis");
        await kpis.DeleteAsync(); // every projection now fails: the table is gone

        var s = await leads.CaptureAsync(November.AddDays(1));
        s = await leads.MoveAsync(s, LeadStatus.Mql, November.AddDays(1).AddMinutes(1), "screened", "intent=commercial status=mql");
        Assert.Equal(LeadStatus.Mql, (await app.GetService<ILeadStore>().FindAsync(s.Lead.Id, CancellationToken.None))!.Lead.Status);
        // The buffer keeps the failed lead for its next flushes, then gives it up to the recomputation.
        long dropped = buffer.Dropped;
        for (int i = 0; i < KpiProjectionBuffer.Attempts && buffer.Pending > 0; i++) await buffer.FlushAsync(CancellationToken.None);
        Assert.Equal(0, buffer.Pending);
        Assert.Equal(dropped + 1, buffer.Dropped);

        await WaitForTableAsync(kpis);
        using var before = await AdminAsync(app, HttpMethod.Get, "/api/kpis?month=2026-11");
        Assert.Equal(0, Count(await before.Content.ReadFromJsonAsync<JsonElement>(), "mql"));
        using var recompute = await AdminAsync(app, HttpMethod.Post, "/api/kpis/recompute?month=2026-11");
        Assert.True((await recompute.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());

        var report = await KpisAsync(app, "month=2026-11");
        Assert.Equal((2L, 1L), (Count(report, "mql"), Count(report, "won")));
        Assert.Equal(JsonValueKind.String, report.GetProperty("restatedAt").ValueKind);
        using var again = await AdminAsync(app, HttpMethod.Post, "/api/kpis/recompute?month=2026-11");
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean());
    }

    private static async Task WaitForTableAsync(TableClient table)
    {
        // Azurite refuses to recreate a table for a moment after its deletion (409 TableBeingDeleted).
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await table.CreateIfNotExistsAsync();
                return;
            }
            catch (Azure.RequestFailedException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    [Theory]
    [InlineData("month=2026-13", "month")]
    [InlineData("month=nov", "month")]
    [InlineData("mode=weekly", "mode")]
    [InlineData("mode=cohort&window=60", "window")]
    public async Task A_bad_query_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await AdminAsync(app, HttpMethod.Get, "/api/kpis?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Kpis_need_the_admin_key()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync("/api/kpis?month=2026-11");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_spend_csv_with_bad_rows_is_refused_row_by_row_and_a_good_one_is_idempotent()
    {
        await using var app = await TestApp.StartAsync();
        await new KpiLeads(app.GetService<ILeadStore>()).WonAsync(November);

        var bad = "month,channel,source,campaign,kind,amount,currency\n2026-11,form,google,,lead-generation,abc,EUR\n2026-11,fax,google,,conversion,10,EUR\n";
        using var refused = await AdminAsync(app, HttpMethod.Post, "/api/kpis/spend", new StringContent(bad, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var fields = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["line 2: amount", "line 3: channel"], fields);

        var good = "month,channel,source,campaign,kind,amount,currency\n2026-11,form,google,,lead-generation,300,EUR\n2026-11,form,google,,conversion,100,EUR\n2026-11,social,linkedin,winter,lead-generation,50,EUR\n";
        for (int i = 0; i < 2; i++)
        {
            using var ok = await AdminAsync(app, HttpMethod.Put, "/api/kpis/spend", new StringContent(good, Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var visitors = await AdminAsync(app, HttpMethod.Put, "/api/kpis/visitors/2026-11", JsonContent.Create(new { visitors = 400 }));
        Assert.Equal(HttpStatusCode.OK, visitors.StatusCode);

        var total = (await KpisAsync(app, "month=2026-11")).GetProperty("total");
        Assert.Equal(350m, total.GetProperty("cpl").GetDecimal()); // 300 + 50 lead generation ÷ 1 MQL: sent twice, counted once
        Assert.Equal(450m, total.GetProperty("cac").GetDecimal());
        Assert.Equal(0.0025, total.GetProperty("conversion").GetDouble());
        var unmatched = Assert.Single((await KpisAsync(app, "month=2026-11")).GetProperty("unmatchedSpend").EnumerateArray());
        Assert.Equal("linkedin", unmatched.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Spend_json_rows_are_named_by_index_when_refused()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await AdminAsync(app, HttpMethod.Put, "/api/kpis/spend", JsonContent.Create(new object[]
        {
            new { month = "2026-11", channel = "form", source = "google", kind = "conversion", amount = 10 },
            new { month = "2026-11", channel = "form", source = "google", kind = "conversion", amount = 10, currency = "USD" },
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("rows[1].currency", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Exports_defuse_formulas_in_csv_and_hold_every_table_in_xlsx()
    {
        await using var app = await TestApp.StartAsync();
        var spend = "month,channel,source,campaign,kind,amount\n2026-11,email,=cmd|' /c calc'!a0,+sum(a1),conversion,5\n";
        using (var put = await AdminAsync(app, HttpMethod.Put, "/api/kpis/spend", new StringContent(spend, Encoding.UTF8, "text/csv")))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var csv = await AdminAsync(app, HttpMethod.Get, "/api/kpis/export?month=2026-11&format=csv&table=unmatched_spend");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("'=cmd/' /c calc'!a0", text, StringComparison.Ordinal);
        Assert.Contains("'+sum(a1)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);

        using var xlsx = await AdminAsync(app, HttpMethod.Get, "/api/kpis/export?month=2026-11&format=xlsx");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(KpiTables.Names, names);
    }

    [Fact]
    public async Task The_kpi_page_draws_svg_charts_with_tables_and_no_script_in_french()
    {
        await using var app = await TestApp.StartAsync();
        await new KpiLeads(app.GetService<ILeadStore>()).WonAsync(November);
        using var console = await Console.ConsoleClient.SignInAsync(app); // the page is behind the console's sign-in
        using var response = await console.Http.GetAsync("/api/console/kpis?month=2026-11&lang=fr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("Entonnoir", html, StringComparison.Ordinal);
        Assert.Contains("<svg role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"funnel-t\">", html, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"funnel-d\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"fallback\"", html, StringComparison.Ordinal);
        Assert.Contains("Période", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("alice@corp.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("jeanne", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_kpi_endpoints_with_their_parameters()
    {
        await using var app = await TestApp.StartAsync();
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/api/openapi.json");
        var get = document.GetProperty("paths").GetProperty("/api/kpis").GetProperty("get");
        var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["month", "mode", "window"], parameters);
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("properties").GetProperty("total").GetProperty("properties").TryGetProperty("cac", out _));
        foreach (var path in new[] { "/api/kpis/spend", "/api/kpis/visitors/{month}", "/api/kpis/export", "/api/kpis/export/parquet", "/api/console/kpis", "/api/kpis/recompute" })
            Assert.True(document.GetProperty("paths").TryGetProperty(path, out _), path);
    }
}
