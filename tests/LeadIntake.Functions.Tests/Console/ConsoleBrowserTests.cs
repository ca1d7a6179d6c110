using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadIntake.Functions.Tests.Console;

/// <summary>
/// The cockpit in a real headless browser (Debian's chromium), JavaScript off, on a 390×844 phone and a 1280×800
/// desktop: sign-in, Today, the lead list with a filter, a lead page, and a quarantine release. Every page is checked
/// from the DOM (element rectangles through the browser's DevTools protocol): nothing wider than the screen, the
/// page's blocks stacked without overlapping, the navigation's items not overlapping one another; then screenshotted
/// (into docs/img when LEADINTAKE_WRITE_DOCS_IMAGES=1).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ConsoleBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string QuoteRequest = "Bonjour, pouvez-vous nous faire une proposition chiffrée pour 200 pièces usinées ? Merci.";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task Lead_manager_signs_in_reads_today_filters_the_list_opens_a_lead_and_releases_it_from_quarantine(int width, int height)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs Debian's chromium.");
        await using var app = await TestApp.StartAsync();
        var commercial = await app.PostLeadAsync(new
        {
            name = "Sophie Garnier", email = "s.garnier@fonderie.example", phone = "03 29 55 12 40", country = "FR",
            company = "Fonderie des Vosges et de la Haute-Saône réunies", message = QuoteRequest, utm_source = "linkedin", utm_campaign = "salon-2026",
        });
        var spam = await app.PostLeadAsync(new { name = "Julie Moreau", email = "j.moreau@chaudronnerie-alpes.example", website = "autofill", company = "Chaudronnerie <Alpes>", message = QuoteRequest });
        await app.WaitForLeadAsync(commercial, TestApp.IsNotified, Wait);
        await app.WaitForLeadAsync(spam, l => l.GetProperty("status").GetString() == "spam", Wait);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 500, HasTouch = width < 500,
            JavaScriptEnabled = false, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en" },
        });
        var cdp = await page.Context.NewCDPSessionAsync(page);
        string Url(string path) => new Uri(app.Client.BaseAddress!, path).ToString();
        string name = $"console-{width}";

        // Sign-in: the page asked for comes back after it.
        await page.GotoAsync(Url("/api/console/leads?channel=form"));
        Assert.Contains("/api/console/sign-in", page.Url, StringComparison.Ordinal);
        await CheckAsync(page, cdp, width, $"{name}-1-sign-in");
        await page.FillAsync("#key", "wrong key");
        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("#sign-in"));
        Assert.NotNull(await page.QuerySelectorAsync("#sign-in-error"));
        await page.FillAsync("#key", TestApp.AdminKey);
        await Task.WhenAll(page.WaitForURLAsync("**/api/console/leads?channel=form"), page.ClickAsync("#sign-in"));

        // Today.
        await page.GotoAsync(Url("/api/console"));
        Assert.Equal("2", await page.TextContentAsync("#by-channel tr[data-channel=form] td:last-child"));
        Assert.Equal("1", await page.TextContentAsync("#by-channel tr[data-channel=form] td[data-outcome=spam]"));
        Assert.Equal("1", await page.TextContentAsync("#by-channel tr[data-channel=form] td[data-outcome=mql]"));
        Assert.Contains(commercial, await page.InnerTextAsync("#waiting"), StringComparison.Ordinal);
        Assert.Matches(@"^\d\d:\d\d$", (await page.InnerTextAsync("#system-delay b")).Trim());
        await CheckAsync(page, cdp, width, $"{name}-2-today");

        // The list, filtered by UTM source through the form.
        await page.GotoAsync(Url("/api/console/leads"));
        Assert.Equal(2, (await page.QuerySelectorAllAsync("#leads tbody tr")).Count);
        await page.FillAsync("#utmSource", "linkedin");
        await Task.WhenAll(page.WaitForURLAsync("**utmSource=linkedin**"), page.ClickAsync("#apply"));
        var rows = await page.QuerySelectorAllAsync("#leads tbody tr");
        Assert.Equal(commercial, await Assert.Single(rows).GetAttributeAsync("data-id"));
        await CheckAsync(page, cdp, width, $"{name}-3-leads-filtered");

        // The lead page: decisions with reasons, timeline, raw payload escaped.
        await Task.WhenAll(page.WaitForURLAsync($"**/api/console/leads/{commercial}"), page.ClickAsync($"#leads tr[data-id='{commercial}'] a"));
        Assert.Equal("assigned", await page.GetAttributeAsync("#status", "data-status"));
        Assert.NotEmpty(await page.QuerySelectorAllAsync("#screening .reason"));
        Assert.Contains("captured", await page.EvalOnSelectorAllAsync<string[]>("#timeline li", "els => els.map(e => e.dataset.type)"));
        Assert.NotNull(await page.QuerySelectorAsync("#action-reassign"));
        await CheckAsync(page, cdp, width, $"{name}-4-lead");

        // Quarantine: the spam lead, with its reasons; released with its checkbox.
        await page.GotoAsync(Url("/api/console/quarantine"));
        Assert.Contains("Chaudronnerie <Alpes>", await page.InnerTextAsync("#quarantine"), StringComparison.Ordinal);
        Assert.Contains("honeypot", await page.InnerTextAsync($"#quarantine tr[data-id='{spam}']"), StringComparison.Ordinal);
        await CheckAsync(page, cdp, width, $"{name}-5-quarantine");
        await page.CheckAsync($"#pick-{spam}");
        await Task.WhenAll(page.WaitForURLAsync("**/api/console/quarantine?done=1&refused=0"), page.ClickAsync("#release-selected"));
        Assert.Contains("1", await page.TextContentAsync("#result"), StringComparison.Ordinal);
        await CheckAsync(page, cdp, width, $"{name}-6-released");
        var released = await app.WaitForLeadAsync(spam, l => l.GetProperty("status").GetString() is not ("spam" or "captured"), Wait);
        Assert.Contains(released.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "released" && e.GetProperty("actor").GetString() == "admin");

        // French, through the switch.
        await Task.WhenAll(page.WaitForURLAsync("**lang=fr**"), page.ClickAsync("#nav-lang"));
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Quarantaine", await page.TextContentAsync("h1"), StringComparison.Ordinal);
        await CheckAsync(page, cdp, width, $"{name}-7-fr");
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task Lead_manager_signs_in_opens_the_kpis_switches_to_cohort_mode_and_adds_a_spend_line(int width, int height)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs Debian's chromium.");
        await using var app = await TestApp.StartAsync();
        var lead = await app.PostLeadAsync(new
        {
            name = "Sophie Garnier", email = "s.garnier@fonderie.example", phone = "03 29 55 12 40", country = "FR",
            company = "Fonderie des Vosges", message = QuoteRequest, utm_source = "linkedin", utm_campaign = "salon-2026",
        });
        await app.WaitForLeadAsync(lead, TestApp.IsNotified, Wait);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 500, HasTouch = width < 500,
            JavaScriptEnabled = false, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en" },
        });
        var cdp = await page.Context.NewCDPSessionAsync(page);
        string Url(string path) => new Uri(app.Client.BaseAddress!, path).ToString();
        string name = $"kpis-{width}";

        // Sign-in, then back to the KPI page.
        await page.GotoAsync(Url("/api/console/kpis"));
        Assert.Contains("/api/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#key", TestApp.AdminKey);
        await Task.WhenAll(page.WaitForURLAsync("**/api/console/kpis"), page.ClickAsync("#sign-in"));
        Assert.NotNull(await page.QuerySelectorAsync("#nav-kpis[aria-current=page]"));
        Assert.Contains("Period", await page.InnerTextAsync(".kpis .mode"), StringComparison.OrdinalIgnoreCase);
        await CheckAsync(page, cdp, width, $"{name}-1-period");

        // Cohort mode through the GET form: the mode is in the URL and labelled on the page.
        await page.SelectOptionAsync("#mode", "cohort");
        await Task.WhenAll(page.WaitForURLAsync("**mode=cohort**"), page.ClickAsync("#show"));
        Assert.Equal("cohort", await page.InputValueAsync("#mode"));
        Assert.Contains("Cohort", await page.InnerTextAsync(".kpis .mode"), StringComparison.OrdinalIgnoreCase);
        await CheckAsync(page, cdp, width, $"{name}-2-cohort");

        // The spend ledger, linked from the KPI page: add a line with the form.
        await Task.WhenAll(page.WaitForURLAsync("**/api/console/kpis/spend**"), page.ClickAsync("#spend-link"));
        Assert.NotNull(await page.QuerySelectorAsync("#spend-none"));
        await page.FillAsync("#source", "linkedin");
        await page.FillAsync("#campaign", "salon-2026");
        await page.FillAsync("#amount", "1250.50");
        await Task.WhenAll(page.WaitForURLAsync("**saved=1**"), page.ClickAsync("#add-spend"));
        Assert.NotNull(await page.QuerySelectorAsync("#saved"));
        Assert.Single(await page.QuerySelectorAllAsync("#spend tbody tr"));
        Assert.Contains("salon-2026", await page.InnerTextAsync("#spend"), StringComparison.Ordinal);
        await CheckAsync(page, cdp, width, $"{name}-3-spend");

        // Back on the KPI page the spend is counted.
        await Task.WhenAll(page.WaitForURLAsync("**/api/console/kpis?month=**"), page.ClickAsync("#back-to-kpis"));
        Assert.Contains("1,250.50", await page.InnerTextAsync(".kpis"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Layout from the DOM: every element's rectangle (DOM.getBoxModel over the DevTools protocol, as the browser laid
    /// it out) inside the screen's width; the blocks of main stacked, none overlapping the next; the header's items
    /// not overlapping each other. Then a full-page screenshot.
    /// </summary>
    private static async Task CheckAsync(IPage page, ICDPSession cdp, int width, string name)
    {
        var document = await cdp.SendAsync("DOM.getDocument", new Dictionary<string, object> { ["depth"] = 0 });
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var nodes = await cdp.SendAsync("DOM.querySelectorAll", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = "header *, main *" });
        foreach (var node in nodes!.Value.GetProperty("nodeIds").EnumerateArray())
        {
            if (await BoxAsync(cdp, node.GetInt32()) is not { } box) continue; // not rendered (hidden input, <option>)
            Assert.True(box.X >= -0.5 && box.Right <= width + 0.5, $"{name}: an element at x={box.X}..{box.Right} is cut off on a {width} px screen");
        }
        await AssertStackedAsync(cdp, root, "main > *", name);
        var items = new List<Box>();
        var navItems = await cdp.SendAsync("DOM.querySelectorAll", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = "header nav > *" });
        foreach (var node in navItems!.Value.GetProperty("nodeIds").EnumerateArray())
        {
            if (await BoxAsync(cdp, node.GetInt32()) is { } box) items.Add(box);
        }
        for (int i = 0; i < items.Count; i++)
        {
            for (int j = i + 1; j < items.Count; j++)
            {
                Assert.False(items[i].Overlaps(items[j]), $"{name}: header items {i} and {j} overlap ({items[i]} / {items[j]})");
            }
        }
        var shot = await page.ScreenshotAsync(new() { FullPage = true, Path = ImagePath(name) });
        Assert.True(shot.Length > 5_000, $"{name}: the screenshot is {shot.Length} bytes, the page didn't render");
    }

    private static async Task AssertStackedAsync(ICDPSession cdp, int root, string selector, string name)
    {
        var blocks = await cdp.SendAsync("DOM.querySelectorAll", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        double? previousBottom = null;
        foreach (var node in blocks!.Value.GetProperty("nodeIds").EnumerateArray())
        {
            if (await BoxAsync(cdp, node.GetInt32()) is not { } box) continue;
            if (previousBottom is { } bottom) Assert.True(box.Y >= bottom - 0.5, $"{name}: a block at y={box.Y} overlaps the one above (ends at {bottom})");
            previousBottom = box.Bottom;
        }
    }

    private static async Task<Box?> BoxAsync(ICDPSession cdp, int nodeId)
    {
        try
        {
            var model = await cdp.SendAsync("DOM.getBoxModel", new Dictionary<string, object> { ["nodeId"] = nodeId });
            var quad = model!.Value.GetProperty("model").GetProperty("border").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var (x, y) = (quad[0], quad[1]);
            var (right, bottom) = (quad[4], quad[5]);
            return right - x <= 0 || bottom - y <= 0 ? null : new Box(x, y, right, bottom);
        }
        catch (PlaywrightException)
        {
            return null; // no box: display:none, <head> content
        }
    }

    private sealed record Box(double X, double Y, double Right, double Bottom)
    {
        public bool Overlaps(Box other) => X < other.Right - 0.5 && other.X < Right - 0.5 && Y < other.Bottom - 0.5 && other.Y < Bottom - 0.5;
    }

    private static string ImagePath(string name)
    {
        var dir = Environment.GetEnvironmentVariable("LEADINTAKE_WRITE_DOCS_IMAGES") == "1"
            ? Path.Combine(RepositoryRoot.Find() ?? AppContext.BaseDirectory, "docs", "img")
            : Path.Combine(Path.GetTempPath(), "leadintake-screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}
