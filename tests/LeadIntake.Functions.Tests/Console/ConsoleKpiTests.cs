using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests.Console;

/// <summary>
/// The KPI part of the cockpit over HTTP against the real app (Azurite, Kestrel on loopback): the KPI JSON and exports
/// for a signed-in user, the KPI page behind the sign-in, and the spend and visitors forms with their CSRF tokens,
/// refused rows and idempotent re-imports.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ConsoleKpiTests
{
    private const string Month = "2026-11";

    [Fact]
    public async Task Kpi_json_and_exports_accept_a_signed_in_user_or_the_admin_key_and_refuse_anyone_else()
    {
        await using var app = await TestApp.StartAsync();
        using var anonymous = await app.Client.GetAsync($"/api/kpis?month={Month}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        using var anonymousExport = await app.Client.GetAsync($"/api/kpis/export?month={Month}&format=csv");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousExport.StatusCode);
        using var anonymousPage = await ConsoleClient.Anonymous(app).Http.GetAsync($"/api/console/kpis?month={Month}");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        Assert.StartsWith("/api/console/sign-in?returnUrl=", anonymousPage.Headers.Location?.OriginalString, StringComparison.Ordinal);

        using var byKey = new HttpRequestMessage(HttpMethod.Get, $"/api/kpis?month={Month}&mode=cohort");
        byKey.Headers.Add("x-functions-key", TestApp.AdminKey);
        using var keyed = await app.Client.SendAsync(byKey);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);

        using var console = await ConsoleClient.SignInAsync(app);
        var report = await console.Http.GetFromJsonAsync<JsonElement>($"/api/kpis?month={Month}&mode=cohort");
        Assert.Equal("cohort", report.GetProperty("mode").GetString());
        Assert.Equal(Month, report.GetProperty("month").GetString());
        using var export = await console.Http.GetAsync($"/api/kpis/export?month={Month}&format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        using var page = await console.Http.GetAsync($"/api/console/kpis?month={Month}&mode=cohort&lang=fr");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"nav-kpis\" href=\"/api/console/kpis\" aria-current=\"page\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"cohort\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spend_form_is_refused_without_its_token_adds_a_line_with_it_and_the_csv_import_names_refused_rows_and_is_idempotent()
    {
        await using var app = await TestApp.StartAsync();
        using var console = await ConsoleClient.SignInAsync(app);
        var path = $"/api/console/kpis/spend?month={Month}";
        KeyValuePair<string, string>[] line = [new("op", "add"), new("month", Month), new("channel", "form"), new("source", "linkedin"), new("campaign", "salon"), new("kind", "lead-generation"), new("amount", "1250.50")];

        using var noToken = await console.PostFormAsync(path, line);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("\"csrf\"", await noToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0m, await SpendAsync(console));

        var token = await console.TokenAsync(path);
        using var added = await console.PostFormAsync(path, [.. line, new("csrf", token)]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/api/console/kpis/spend?month={Month}&saved=1", added.Headers.Location?.OriginalString);
        Assert.Equal(1250.50m, await SpendAsync(console));
        var ledger = await console.Http.GetStringAsync(path);
        Assert.Contains("linkedin", ledger, StringComparison.Ordinal);

        var bad = $"month,channel,source,campaign,kind,amount\n{Month},email,newsletter,,conversion,300\n{Month},fax,,,conversion,12\n{Month},form,google,,lead-generation,-5\n";
        using var refused = await ImportAsync(console, path, token, bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-line=\"3\" data-field=\"channel\"", refusedPage, StringComparison.Ordinal);
        Assert.Contains("data-line=\"4\" data-field=\"amount\"", refusedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-line=\"2\"", refusedPage, StringComparison.Ordinal);
        Assert.Equal(1250.50m, await SpendAsync(console));

        var good = $"month,channel,source,campaign,kind,amount\n{Month},email,newsletter,,conversion,300\n{Month},form,linkedin,salon,lead-generation,1000\n";
        for (int i = 0; i < 2; i++)
        {
            using var imported = await ImportAsync(console, path, token, good);
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
            Assert.Equal(1300m, await SpendAsync(console));
        }
    }

    [Fact]
    public async Task Visitors_form_is_refused_without_its_token_and_the_csv_import_sets_each_month_once_however_often_it_is_sent()
    {
        await using var app = await TestApp.StartAsync();
        using var console = await ConsoleClient.SignInAsync(app);
        var path = $"/api/console/kpis/visitors?month={Month}";
        using var noToken = await console.PostFormAsync(path, [new("op", "set"), new("month", Month), new("visitors", "4000")]);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await ReportAsync(console, Month)).GetProperty("visitors").ValueKind);

        var token = await console.TokenAsync(path);
        using var set = await console.PostFormAsync(path, [new("op", "set"), new("month", Month), new("visitors", "4000"), new("csrf", token)]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(4000, (await ReportAsync(console, Month)).GetProperty("visitors").GetInt64());

        using var refused = await ImportAsync(console, path, token, "month,visitors\n2026-10,3000\n2026-13,12\n2026-10,3100\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-line=\"3\" data-field=\"month\"", page, StringComparison.Ordinal);
        Assert.Contains("data-line=\"4\" data-field=\"month\"", page, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await ReportAsync(console, "2026-10")).GetProperty("visitors").ValueKind);

        for (int i = 0; i < 2; i++)
        {
            using var imported = await ImportAsync(console, path, token, "month,visitors\r\n2026-10,3000\r\n2026-11,4200\r\n");
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
            Assert.Equal(3000, (await ReportAsync(console, "2026-10")).GetProperty("visitors").GetInt64());
            Assert.Equal(4200, (await ReportAsync(console, Month)).GetProperty("visitors").GetInt64());
        }
    }

    private static Task<HttpResponseMessage> ImportAsync(ConsoleClient console, string path, string token, string csv)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "csrf" },
            { new StringContent("import"), "op" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new("text/csv");
        content.Add(file, "file", "ledger.csv");
        return console.Http.PostAsync(path, content);
    }

    private static Task<JsonElement> ReportAsync(ConsoleClient console, string month) =>
        console.Http.GetFromJsonAsync<JsonElement>($"/api/kpis?month={month}");

    /// <summary>The month's total spend, as the KPI JSON reports it.</summary>
    private static async Task<decimal> SpendAsync(ConsoleClient console) =>
        (await ReportAsync(console, Month)).GetProperty("total").GetProperty("spend").GetDecimal();
}
