using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadIntake.Functions.Tests.Dispatch;

/// <summary>
/// The rep's journey in a real headless browser (Debian's chromium), JavaScript off, on a 390×844 phone: mail → lead
/// page → qualify with an error → fix → SAL → opportunity → won with an amount, then an old link. Every page is checked
/// for layout (each element inside the screen, the main blocks stacked without overlapping) and screenshotted into
/// docs/img for docs/dispatch.md.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RepJourneyBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Width = 390;

    [Fact]
    public async Task Rep_goes_from_the_mail_to_a_won_deal_on_a_phone_and_every_page_fits_the_screen()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs Debian's chromium.");
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new
        {
            name = "Sophie Garnier", email = "s.garnier@fonderie-vosges.example", phone = "+33 3 29 55 12 40", company = "Fonderie des Vosges",
            country = "FR", message = "Bonjour, pouvez-vous nous faire un devis pour 2 000 pièces en aluminium ? Livraison souhaitée avant l'été.",
        });
        var repMail = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10)));
        var leadPage = RepLinkReader.LeadPage(repMail.Html)!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = Width, Height = 844 }, IsMobile = true, HasTouch = true, JavaScriptEnabled = false });
        string Url(string pathAndQuery) => new Uri(app.Client.BaseAddress!, pathAndQuery).ToString();
        // Links carry the configured public address; the test follows them to the app's loopback address, as a tap would.
        async Task FollowAsync(string selector) =>
            Assert.True((await page.GotoAsync(Url(new Uri((await page.GetAttributeAsync(selector, "href"))!).PathAndQuery)))!.Status < 500);

        Assert.Equal(200, (await page.GotoAsync(Url(leadPage)))!.Status);
        Assert.Equal("+33 3 29 55 12 40", await page.TextContentAsync("#contact a[href^='tel:']"));
        await CheckAsync(page, "rep-1-lead-page");

        await FollowAsync("#actions a[href*='/qualify?']");
        await page.FillAsync("#budget_amount", "beaucoup");
        await page.SelectOptionAsync("#authority", "decision_maker");
        await page.FillAsync("#need", "Pièces de fonderie alu pour une nouvelle ligne");
        await page.SelectOptionAsync("#timing_horizon", "within_quarter");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Contains("Budget amount", await page.TextContentAsync("[role=alert]"));
        Assert.Equal("beaucoup", await page.InputValueAsync("#budget_amount"));
        Assert.Equal("Pièces de fonderie alu pour une nouvelle ligne", await page.InputValueAsync("#need"));
        await CheckAsync(page, "rep-2-qualify-error");

        await page.FillAsync("#budget_amount", "40000");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Equal("sal", await page.GetAttributeAsync("#status", "data-status"));
        await CheckAsync(page, "rep-3-sal");

        var lost = await page.GetAttributeAsync("a[href*='/lost?']", "href");
        await FollowAsync("a[href*='/opportunity?']");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Equal("opportunity", await page.GetAttributeAsync("#status", "data-status"));
        await FollowAsync("a[href*='/won?']");
        await page.FillAsync("#amount", "41 500");
        await CheckAsync(page, "rep-4-won-form");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("button[type=submit]"));
        Assert.Equal("won", await page.GetAttributeAsync("#status", "data-status"));
        Assert.Contains("41,500 EUR", await page.TextContentAsync("h1"));
        await CheckAsync(page, "rep-5-won");

        // An older "lost" link (from the SAL page) after the deal was won: plain words and the lead page.
        Assert.Equal(409, (await page.GotoAsync(Url(new Uri(lost!).PathAndQuery)))!.Status);
        Assert.Contains("This lead was marked won on", await page.TextContentAsync("#stale"));
        await CheckAsync(page, "rep-6-stale-link");

        await FollowAsync("a.btn");
        Assert.Contains("41,500 EUR", await page.TextContentAsync("#outcome"));
        await CheckAsync(page, "rep-7-lead-page-won");
        Assert.Equal("won", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
    }

    /// <summary>Every element inside the screen's width; the main blocks stacked, none overlapping the next; then a screenshot.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
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

    private static string ImagePath(string name)
    {
        var root = RepositoryRoot.Find() ?? AppContext.BaseDirectory;
        var dir = Path.Combine(root, "docs", "img");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}
