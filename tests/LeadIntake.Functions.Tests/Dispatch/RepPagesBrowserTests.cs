using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadIntake.Functions.Tests.Dispatch;

/// <summary>The rep pages in a real headless browser (Debian's chromium, installed by .ci/run), on a phone-sized screen.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class RepPagesBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Rep_qualifies_a_lead_on_a_phone_with_the_bant_form()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs Debian's chromium.");
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new { name = "Sophie Garnier", email = "s.garnier@fonderie.example", company = "Fonderie des Vosges", country = "FR", message = "Devis" });
        var links = RepLinkReader.Links(Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10))).Html);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, JavaScriptEnabled = false });
        var response = await page.GotoAsync(new Uri(app.Client.BaseAddress!, links["qualify"]).ToString());
        Assert.Equal(200, response!.Status);

        var form = await page.QuerySelectorAsync("form");
        var box = await form!.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the form ({box.X}+{box.Width}) must fit a 390 px wide screen");
        var button = await (await page.QuerySelectorAsync("button[type=submit]"))!.BoundingBoxAsync();
        Assert.True(button!.Width >= 300 && button.X + button.Width <= 390, "the submit button spans the phone's width");

        await page.FillAsync("#budget_amount", "40000");
        await page.SelectOptionAsync("#authority", "decision_maker");
        await page.FillAsync("#role", "Directeur d'usine");
        await page.FillAsync("#need", "Pièces de fonderie <alu> pour une nouvelle ligne");
        await page.SelectOptionAsync("#timing_horizon", "within_quarter");
        var screenshot = await page.ScreenshotAsync(new() { FullPage = true, Path = Path.Combine(AppContext.BaseDirectory, "rep-qualify-390.png") });
        Assert.True(screenshot.Length > 10_000, $"the screenshot is {screenshot.Length} bytes: the page didn't render");

        await Task.WhenAll(page.WaitForURLAsync("**/qualify?t=*"), page.ClickAsync("button[type=submit]"));
        Assert.Equal("sal", await page.GetAttributeAsync("#status", "data-status"));
        Assert.Contains("SAL", await page.TextContentAsync("h1"));
        await page.ScreenshotAsync(new() { FullPage = true, Path = Path.Combine(AppContext.BaseDirectory, "rep-qualified-390.png") });
        Assert.Equal("sal", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
    }
}
