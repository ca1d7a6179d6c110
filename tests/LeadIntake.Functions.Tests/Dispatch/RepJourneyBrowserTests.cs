using LeadIntake.Core.Localization;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace LeadIntake.Functions.Tests.Dispatch;

/// <summary>
/// The rep's journey in a real headless browser (Debian's chromium), JavaScript off, on a 390×844 phone: mail → lead
/// page → qualify with an error → fix → SAL → opportunity → won with an amount, then an old link, in English and in
/// French (plus a reassigned link). Every page is checked for layout (each element inside the screen, the main blocks
/// stacked without overlapping), a French page for English tell-tale words, and screenshotted (into docs/img for
/// docs/dispatch.md when LEADINTAKE_WRITE_DOCS_IMAGES=1).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RepJourneyBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Width = 390;

    // Words that betray an English page; none may appear on a French rep's page (whole words, case-sensitive).
    private static readonly string[] EnglishTellTales =
    [
        "Accept", "Qualify", "Budget amount", "Save", "Lead page", "won", "lost", "Back", "Reassigned", "reassigned", "Status",
        "Next steps", "Timeline", "Open the lead", "Won", "Lost", "Please fix", "not known yet", "What you can do now", "Currency",
        "Deal amount", "This lead", "Message from", "Captured", "Phone", "Company", "Mark as",
        "This link", "expired", "not valid", "altered", "not found", "Ask your", "sales manager",
    ];

    [Fact]
    public async Task Rep_goes_from_the_mail_to_a_won_deal_on_a_phone_and_every_page_fits_the_screen()
    {
        await using var app = await TestApp.StartAsync();
        await JourneyAsync(app, app.RepEmail, RepTexts.English, "rep");
    }

    [Fact]
    public async Task A_French_rep_makes_the_same_journey_in_French_and_a_reassigned_link_says_so_in_French()
    {
        var clock = new ShiftedTimeProvider();
        await using var app = await TestApp.StartAsync(services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            // The test runs the SLA timer itself: the in-process scheduler would fire on every clock jump.
            foreach (var d in s.Where(d => d.ImplementationType == typeof(StandaloneTimerRuntime)).ToList()) s.Remove(d);
        });
        var seeds = new SampleSeeds();
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams(acceptWithinMinutes: 5, reassignAfterMinutes: 15));

        // Alice and Bob both read French first; the lead goes to one of them.
        var (page, browserLife) = await OpenPhoneAsync();
        await using (browserLife)
        {
            var id = await JourneyAsync(app, rep: null, RepTexts.French, "rep-fr", page);
            Assert.Contains((await app.GetLeadAsync(id)).GetProperty("assignedRep").GetString(), new[] { seeds.Alice, seeds.Bob });

            // A second lead nobody accepts: reminded, then reassigned; the first rep's lead page link now says so.
            var dev = await DevServices.GetAsync();
            using var mail = new MailCatcher(dev.MailWebPort);
            var second = await app.PostLeadAsync(new { name = "Paul Lambert", email = "p.lambert@scierie-jura.example", company = "Scierie du Jura", country = "FR", message = "Demande de devis pour une ligne de sciage." });
            var first = (await app.WaitForLeadAsync(second, TestApp.IsNotified, TimeSpan.FromSeconds(10))).GetProperty("assignedRep").GetString()!;
            var firstMail = (await mail.WaitAsync(first, 2, TimeSpan.FromSeconds(10))).Single(m => m.Html.Contains("Scierie du Jura", StringComparison.Ordinal));
            foreach (var minutes in new[] { 6, 10 })
            {
                clock.Advance(TimeSpan.FromMinutes(minutes));
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WatchLeadSla>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
            }
            Assert.NotEqual(first, (await app.GetLeadAsync(second)).GetProperty("assignedRep").GetString());
            Assert.Equal(410, (await page.GotoAsync(Url(app, RepLinkReader.LeadPage(firstMail.Html)!)))!.Status);
            Assert.Contains("Ce lead a été confié à", await page.TextContentAsync("#reassigned"));
            await CheckAsync(page, "rep-fr-8-reassigned", RepTexts.French);

            // A link altered on its way (the browser asks for English): the page follows the lead's rep, in French.
            var altered = Url(app, RepLinkReader.LeadPage(firstMail.Html)!).Replace("?t=", "?t=x", StringComparison.Ordinal);
            await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "en-US,en;q=0.9" });
            Assert.Equal(403, (await page.GotoAsync(altered))!.Status);
            Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
            await CheckAsync(page, "rep-fr-9-invalid-link", RepTexts.French);
            // An unknown lead: nobody to follow, so the browser's language decides.
            await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "fr-FR,fr;q=0.9,en;q=0.5" });
            Assert.Equal(404, (await page.GotoAsync(Url(app, $"/api/rep/leads/{second}x?t=x")))!.Status);
            Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
            // Two short lines: too small a page for the screenshot check, but its words are checked.
            await NoEnglishWordsAsync(page, "rep-fr-10-not-found");
        }
    }

    /// <summary>mail → lead page → qualify with an error → fix → SAL → opportunity → won with an amount → an old link.</summary>
    /// <param name="rep">The rep whose mail to read; null for whichever rep the lead went to.</param>
    private static async Task<string> JourneyAsync(TestApp app, string? rep, RepTexts t, string prefix, IPage? given = null)
    {
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new
        {
            name = "Sophie Garnier", email = "s.garnier@fonderie-vosges.example", phone = "+33 3 29 55 12 40", company = "Fonderie des Vosges",
            country = "FR", message = "Bonjour, pouvez-vous nous faire un devis pour 2 000 pièces en aluminium ? Livraison souhaitée avant l'été.",
        });
        rep ??= (await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10))).GetProperty("assignedRep").GetString()!;
        var repMail = (await mail.WaitAsync(rep, 1, TimeSpan.FromSeconds(10))).Single(m => m.Html.Contains("Fonderie des Vosges", StringComparison.Ordinal));
        var leadPage = RepLinkReader.LeadPage(repMail.Html)!;

        var (page, browserLife) = given is null ? await OpenPhoneAsync() : (given, null);
        await using var _ = browserLife;
        // Links carry the configured public address; the test follows them to the app's loopback address, as a tap would.
        async Task FollowAsync(string selector) =>
            Assert.True((await page.GotoAsync(Url(app, (await page.GetAttributeAsync(selector, "href"))!)))!.Status < 500);

        Assert.Equal(200, (await page.GotoAsync(Url(app, leadPage)))!.Status);
        Assert.Equal(t.Code, await page.GetAttributeAsync("html", "lang"));
        // A French reader dials a French number in national format; others in international format.
        Assert.Equal(t.Code == "fr" ? "03 29 55 12 40" : "+33 3 29 55 12 40", await page.TextContentAsync("#contact a[href^='tel:']"));
        await CheckAsync(page, $"{prefix}-1-lead-page", t);

        await FollowAsync("#actions a[href*='/qualify?']");
        await page.FillAsync("#budget_amount", "beaucoup");
        await page.SelectOptionAsync("#authority", "decision_maker");
        await page.FillAsync("#need", "Pièces de fonderie alu pour une nouvelle ligne");
        await page.SelectOptionAsync("#timing_horizon", "within_quarter");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Contains(t["Field_budget_amount"], await page.TextContentAsync("[role=alert]"));
        Assert.Equal("beaucoup", await page.InputValueAsync("#budget_amount"));
        Assert.Equal("Pièces de fonderie alu pour une nouvelle ligne", await page.InputValueAsync("#need"));
        await CheckAsync(page, $"{prefix}-2-qualify-error", t);

        await page.FillAsync("#budget_amount", "40000");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Equal("sal", await page.GetAttributeAsync("#status", "data-status"));
        await CheckAsync(page, $"{prefix}-3-sal", t);

        var lost = await page.GetAttributeAsync("a[href*='/lost?']", "href");
        await FollowAsync("a[href*='/opportunity?']");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Equal("opportunity", await page.GetAttributeAsync("#status", "data-status"));
        await FollowAsync("a[href*='/won?']");
        await page.FillAsync("#amount", "41 500");
        await CheckAsync(page, $"{prefix}-4-won-form", t);
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Equal("won", await page.GetAttributeAsync("#status", "data-status"));
        var amount = 41500m.ToString("#,0.##", t.Culture) + " EUR";
        Assert.Contains(amount, await page.TextContentAsync("h1"));
        await CheckAsync(page, $"{prefix}-5-won", t);

        // An older "lost" link (from the SAL page) after the deal was won: plain words and the lead page.
        Assert.Equal(409, (await page.GotoAsync(Url(app, lost!)))!.Status);
        Assert.Contains(t.Format("Stale_What", t["Stale_Won"]) + t.Format("Stale_On", ""), await page.TextContentAsync("#stale"));
        await CheckAsync(page, $"{prefix}-6-stale-link", t);

        await FollowAsync("a.btn");
        Assert.Contains(amount, await page.TextContentAsync("#outcome"));
        await CheckAsync(page, $"{prefix}-7-lead-page-won", t);
        Assert.Equal("won", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
        return id;
    }

    private static string Url(TestApp app, string link) => new Uri(app.Client.BaseAddress!, new Uri(link, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : link).ToString();

    /// <summary>A 390×844 touch screen with JavaScript off, in Debian's chromium.</summary>
    private static async Task<(IPage Page, IAsyncDisposable Life)> OpenPhoneAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = Width, Height = 844 }, IsMobile = true, HasTouch = true, JavaScriptEnabled = false });
        return (page, new BrowserLife(playwright, browser));
    }

    private sealed class BrowserLife(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task NoEnglishWordsAsync(IPage page, string name)
    {
        var text = await page.InnerTextAsync("body");
        var english = EnglishTellTales.Where(w => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<!\p{{L}}){System.Text.RegularExpressions.Regex.Escape(w)}(?!\p{{L}})")).ToList();
        Assert.True(english.Count == 0, $"{name}: English words on a French page: {string.Join(", ", english)}\n{text}");
    }

    /// <summary>Every element inside the screen's width; the main blocks stacked, none overlapping the next; then a screenshot.</summary>
    private static async Task CheckAsync(IPage page, string name, RepTexts t)
    {
        if (t.Code == "fr") await NoEnglishWordsAsync(page, name);
        var elements = await page.QuerySelectorAllAsync("main *");
        Assert.NotEmpty(elements);
        for (int i = 0; i < elements.Count; i++)
        {
            if (await elements[i].BoundingBoxAsync() is not { } box) continue; // not rendered (e.g. <option>)
            Assert.True(box.X >= 0 && box.X + box.Width <= Width + 0.5,
                $"{name}: element {i} of main (\"{await elements[i].TextContentAsync()}\") at {box.X}+{box.Width} is cut off on a {Width} px screen");
        }
        var blocks = await page.QuerySelectorAllAsync("main > *");
        float? previousBottom = null;
        foreach (var block in blocks)
        {
            if (await block.BoundingBoxAsync() is not { } box) continue;
            if (previousBottom is { } bottom) Assert.True(box.Y >= bottom - 0.5, $"{name}: a block at y={box.Y} overlaps the one above (ends at {bottom})");
            previousBottom = box.Y + box.Height;
        }
        var shot = await page.ScreenshotAsync(new() { FullPage = true, Path = ImagePath(name) });
        Assert.True(shot.Length > 10_000, $"{name}: the screenshot is {shot.Length} bytes, the page didn't render");
    }

    /// <summary>
    /// docs/img when LEADINTAKE_WRITE_DOCS_IMAGES=1 (refreshing the documentation's screenshots is a deliberate act),
    /// else a temporary folder, so an ordinary test run leaves the working tree clean.
    /// </summary>
    private static string ImagePath(string name)
    {
        var dir = Environment.GetEnvironmentVariable("LEADINTAKE_WRITE_DOCS_IMAGES") == "1"
            ? Path.Combine(RepositoryRoot.Find() ?? AppContext.BaseDirectory, "docs", "img")
            : Path.Combine(Path.GetTempPath(), "leadintake-screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}
