using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadIntake.Functions.Tests.Dispatch;

/// <summary>The manager's links in a real reassignment notice (Kestrel on loopback, Azurite, maildev), followed as sent.</summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class ManagerActionsTests
{
    [Fact]
    public async Task The_manager_follows_the_take_link_of_the_real_notice_and_gets_the_lead_and_its_mail()
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
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        var id = await app.PostLeadAsync(new { name = "Paul Lambert", email = "p.lambert@scierie-jura.example", company = "Scierie du Jura", country = "FR", message = "Demande de devis pour une ligne de sciage." });
        var first = (await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10))).GetProperty("assignedRep").GetString()!;
        foreach (var minutes in new[] { 6, 10 })
        {
            clock.Advance(TimeSpan.FromMinutes(minutes));
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WatchLeadSla>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        var notice = Assert.Single(await mail.WaitAsync(seeds.Boss, 1, TimeSpan.FromSeconds(10)));
        var take = ManagerLink().Matches(notice.Html).Select(m => new Uri(WebUtility.HtmlDecode(m.Groups[1].Value)).PathAndQuery)
            .Single(l => l.Contains("/manager_take?", StringComparison.Ordinal));
        Assert.Contains(ManagerLink().Matches(notice.Html), m => m.Groups[1].Value.Contains("/manager_reassign?", StringComparison.Ordinal));
        var owner = (await app.GetLeadAsync(id)).GetProperty("assignedRep").GetString();
        Assert.NotEqual(first, owner);

        using (var get = await app.Client.GetAsync(take))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var page = await get.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"en\">", page);
            Assert.Contains("<form method=\"post\"", page);
        }
        Assert.Equal(owner, (await app.GetLeadAsync(id)).GetProperty("assignedRep").GetString());

        using (var post = await app.Client.PostAsync(take, new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        var lead = await app.GetLeadAsync(id);
        Assert.Equal(seeds.Boss, lead.GetProperty("assignedRep").GetString());
        // The audit trail says who took it, and when.
        var taken = lead.GetProperty("events").EnumerateArray().Last();
        Assert.Equal(("reassigned", seeds.Boss), (taken.GetProperty("type").GetString(), taken.GetProperty("actor").GetString()));
        Assert.True(taken.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        var routed = await mail.WaitAsync(seeds.Boss, 2, TimeSpan.FromSeconds(10));
        Assert.Contains(routed, m => m.Html.Contains("/api/rep/leads/", StringComparison.Ordinal) && m.Html.Contains("Scierie du Jura", StringComparison.Ordinal) && m != notice);

        using var again = await app.Client.PostAsync(take, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [GeneratedRegex("href=\"([^\"]*/api/manager/leads/[0-9A-Z]{26}/manager_[a-z]+\\?t=[^\"]+)\"")]
    private static partial Regex ManagerLink();
}
