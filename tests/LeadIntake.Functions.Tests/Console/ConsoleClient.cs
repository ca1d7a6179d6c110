using System.Net;
using System.Text.RegularExpressions;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests.Console;

/// <summary>A browser-like HTTP client for the cockpit: keeps cookies, never follows redirects, reads form tokens from pages.</summary>
internal sealed partial class ConsoleClient : IDisposable
{
    private ConsoleClient(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    public static ConsoleClient Anonymous(TestApp app)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };
        return new ConsoleClient(http, cookies);
    }

    /// <summary>Signs in with the admin key through the sign-in page's form, as a person would.</summary>
    public static async Task<ConsoleClient> SignInAsync(TestApp app)
    {
        var client = Anonymous(app);
        var token = await client.TokenAsync("/api/console/sign-in");
        using var response = await client.PostFormAsync("/api/console/sign-in", [new("key", TestApp.AdminKey), new("csrf", token), new("returnUrl", "/api/console")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The antiforgery token of the first form on the page (and its cookie, kept in the container).</summary>
    public async Task<string> TokenAsync(string path)
    {
        using var page = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var match = TokenInput().Match(await page.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{path} has no form token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(path, new FormUrlEncodedContent(fields));

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
