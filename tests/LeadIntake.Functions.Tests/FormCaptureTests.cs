using System.Net;
using System.Text.Json;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static LeadIntake.Functions.Tests.Infrastructure.CaptureAssertions;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class FormCaptureTests
{
    private static HttpRequestMessage HtmlPost(Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/form") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    [Fact]
    public async Task Html_form_post_is_redirected_303_and_an_open_redirect_is_refused()
    {
        await using var app = await TestApp.StartAsync(new()
        {
            ["Forms:ThankYouUrl"] = "https://www.example.com/merci",
            ["Forms:AllowedRedirects"] = "https://shop.example.com, https://www.example.com",
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };

        using var plain = await client.SendAsync(HtmlPost(new() { ["email"] = "a@b.example" }));
        using var allowed = await client.SendAsync(HtmlPost(new() { ["email"] = "c@d.example", ["redirect"] = "https://shop.example.com/thanks?x=1" }));
        using var evil = await client.SendAsync(HtmlPost(new() { ["email"] = "e@f.example", ["redirect"] = "https://evil.example/phish" }));
        using var sneaky = await client.SendAsync(HtmlPost(new() { ["email"] = "g@h.example", ["redirect"] = "https://shop.example.com@evil.example/" }));

        Assert.Equal(HttpStatusCode.SeeOther, plain.StatusCode);
        Assert.Equal("https://www.example.com/merci", plain.Headers.Location?.OriginalString);
        Assert.Equal("https://shop.example.com/thanks?x=1", allowed.Headers.Location?.OriginalString);
        Assert.Equal("https://www.example.com/merci", evil.Headers.Location?.OriginalString);
        Assert.Equal("https://www.example.com/merci", sneaky.Headers.Location?.OriginalString);
        Assert.Equal(4, await app.CountLeadRowsAsync());
    }

    [Fact]
    public async Task Default_thank_you_page_follows_the_form_language_and_fits_a_phone()
    {
        await using var app = await TestApp.StartAsync();

        async Task<string> PostAsync(Dictionary<string, string> fields, string? referer = null, string? acceptLanguage = null)
        {
            using var request = HtmlPost(fields);
            if (referer is not null) request.Headers.Referrer = new Uri(referer);
            if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
            using var response = await app.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadAsStringAsync();
        }

        var byField = await PostAsync(new() { ["email"] = "merci1@example.fr", ["lang"] = "fr" });
        var byPath = await PostAsync(new() { ["email"] = "merci2@example.fr" }, referer: "https://www.example.com/fr/contact");
        var byBrowser = await PostAsync(new() { ["email"] = "merci3@example.fr" }, acceptLanguage: "fr-FR,fr;q=0.9,en;q=0.8");
        var english = await PostAsync(new() { ["email"] = "thanks@example.com" }, acceptLanguage: "de-DE");

        foreach (var french in new[] { byField, byPath, byBrowser })
        {
            Assert.Contains("<html lang=\"fr\">", french);
            Assert.Contains("<h1>Merci</h1>", french);
        }
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("<h1>Thank you</h1>", english);
        foreach (var page in new[] { byField, english })
        {
            Assert.Contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\"", page);
            Assert.Contains("<style>", page);
            Assert.DoesNotContain("<script", page);
        }
    }

    [Fact]
    public async Task Cors_preflight_is_answered_for_allowed_origins_only()
    {
        await using var app = await TestApp.StartAsync(new() { ["Forms:AllowedOrigins"] = "https://www.example.com" });

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/intake/form");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type");
            return await app.Client.SendAsync(request);
        }

        using var allowed = await PreflightAsync("https://www.example.com");
        using var other = await PreflightAsync("https://evil.example");

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://www.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Too_many_form_posts_from_one_client_get_429_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(new() { ["Forms:RateLimitPerMinute"] = "2" });

        for (int i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Accepted, (await app.PostFormAsync(new { email = $"a{i}@b.example" })).StatusCode);
        using var limited = await app.PostFormAsync(new { email = "c@d.example" });

        await BadInputTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "client");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(2, await app.CountLeadRowsAsync());
        // Other endpoints are not limited.
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/openapi.json")).StatusCode);
    }

    [Fact]
    public async Task Turnstile_token_is_verified_refused_or_accepted_unverified_when_the_verifier_is_down()
    {
        await using var verifier = await StandInServer.StartAsync(async context =>
        {
            var form = await context.Request.ReadFormAsync();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(form["response"] == "XXXX.DUMMY.TOKEN.XXXX" && form["secret"] == "1x0000000000000000000000000000000AA"
                ? "{\"success\":true,\"error-codes\":[]}"
                : "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
        });
        await using var app = await TestApp.StartAsync(new() { ["Turnstile:Secret"] = "1x0000000000000000000000000000000AA", ["Turnstile:VerifyUrl"] = verifier.BaseUrl + "/siteverify" });

        using var missing = await app.PostFormAsync(new { email = "a@b.example" });
        await BadInputTests.AssertProblemAsync(missing, HttpStatusCode.UnprocessableEntity, "cf-turnstile-response");
        using var refused = await app.PostFormAsync(new Dictionary<string, string> { ["email"] = "a@b.example", ["g-recaptcha-response"] = "forged" });
        await BadInputTests.AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "g-recaptcha-response");
        var id = await AssertCapturedAsync(await app.PostFormAsync(new Dictionary<string, string> { ["email"] = "a@b.example", ["cf-turnstile-response"] = "XXXX.DUMMY.TOKEN.XXXX" }));
        var lead = await LoadAsync(app, id);
        Assert.True(lead.Captured.Signals.CaptchaPassed);
        Assert.DoesNotContain("cf-turnstile-response", lead.Captured.ExtraFields.Keys);

        await using var down = await TestApp.StartAsync(new() { ["Turnstile:Secret"] = "1x0000000000000000000000000000000AA", ["Turnstile:VerifyUrl"] = "http://127.0.0.1:9/siteverify" });
        var unverified = await AssertCapturedAsync(await down.PostFormAsync(new Dictionary<string, string> { ["email"] = "a@b.example", ["cf-turnstile-response"] = "XXXX.DUMMY.TOKEN.XXXX" }));
        Assert.Null((await LoadAsync(down, unverified)).Captured.Signals.CaptchaPassed);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_http_function()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync("/api/openapi.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var operations = json.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString())).ToHashSet();
        Assert.All(FunctionCatalog.Http, f => Assert.Contains(f.Declaration.Name, operations));
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/intake/call/{provider}", out _));
    }
}
