using System.Net;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadIntake.Functions.Tests.Dispatch;

[Collection(IntegrationCollection.Name)]
public sealed class SalesDirectoryDispatchTests
{
    private static object Lead(string country, string email) => new { name = "Client Test", email, company = "Acme", country, message = "Devis svp" };

    [Fact]
    public async Task Seeded_directory_routes_by_rule_and_round_robins_between_two_reps()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var seeds = new SampleSeeds();
        var seeded = await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams());
        Assert.Equal(4, seeded.GetProperty("reps").GetInt32());

        var first = await app.PostLeadAsync(Lead("FR", "a@one.example"));
        var second = await app.PostLeadAsync(Lead("FR", "b@two.example"));
        var other = await app.PostLeadAsync(Lead("DE", "c@three.example"));

        var reps = new List<string?>();
        foreach (var id in new[] { first, second, other })
        {
            var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
            reps.Add(lead.GetProperty("assignedRep").GetString());
        }
        Assert.Equal([seeds.Alice, seeds.Bob], reps.Take(2).Order());
        Assert.Equal(seeds.Carol, reps[2]);
        var aliceMail = Assert.Single(await mail.WaitAsync(seeds.Alice, 1, TimeSpan.FromSeconds(5)));
        Assert.Contains("Accepter", aliceMail.Html); // Alice's first language is French
        Assert.Single(await mail.WaitAsync(seeds.Carol, 1, TimeSpan.FromSeconds(5)));
        var reason = (await app.GetLeadAsync(first)).GetProperty("assignment").GetProperty("reason").GetString();
        Assert.Contains("rule France → team France → weighted round robin", reason);
    }

    [Fact]
    public async Task Admin_endpoints_validate_by_json_path_and_changes_apply_without_restart()
    {
        await using var app = await TestApp.StartAsync();
        var seeds = new SampleSeeds();
        var invalid = await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed",
            """{ "defaultTeam": "x", "reps": [ { "email": "a@b.example", "name": "A", "weight": 0 } ], "teams": [] }""", HttpStatusCode.UnprocessableEntity);
        var fields = invalid.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("reps[0].weight", fields);
        Assert.Contains("defaultTeam", fields);

        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams());
        var badRep = await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/reps",
            """{ "email": "dan@corp.example", "name": "Dan", "weight": 5000 }""", HttpStatusCode.UnprocessableEntity);
        Assert.Equal("weight", badRep.GetProperty("errors")[0].GetProperty("field").GetString());
        var badTeam = await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/teams",
            """{ "id": "de", "members": ["nobody@corp.example"], "manager": "boss@corp.example" }""", HttpStatusCode.UnprocessableEntity);
        Assert.Equal("members[0]", badTeam.GetProperty("errors")[0].GetProperty("field").GetString());

        // Bob leaves the French team's rotation: deactivated, every FR lead now goes to Alice.
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, $"/api/sales/reps/{seeds.Bob}/deactivate");
        var reps = await RepPagesTests.AdminAsync(app, HttpMethod.Get, "/api/sales/reps");
        Assert.Contains(reps.GetProperty("reps").EnumerateArray(), r => r.GetProperty("email").GetString() == seeds.Bob && !r.GetProperty("active").GetBoolean());
        foreach (var n in new[] { 1, 2 })
        {
            var id = await app.PostLeadAsync(Lead("FR", $"x{n}@corp{n}.example"));
            Assert.Equal(seeds.Alice, (await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10))).GetProperty("assignedRep").GetString());
        }
        await RepPagesTests.AdminAsync(app, HttpMethod.Put, "/api/sales/rules", """{ "defaultTeam": "general", "rules": [] }""");
        var de = await app.PostLeadAsync(Lead("FR", "y@corp3.example"));
        Assert.Equal(seeds.Carol, (await app.WaitForLeadAsync(de, TestApp.IsNotified, TimeSpan.FromSeconds(10))).GetProperty("assignedRep").GetString());
        var teams = await RepPagesTests.AdminAsync(app, HttpMethod.Get, "/api/sales/teams");
        Assert.Equal(2, teams.GetProperty("teams").GetArrayLength());
    }

    [Fact]
    public async Task Unaccepted_lead_is_reminded_then_reassigned_to_the_next_rep_and_the_manager_is_told()
    {
        var clock = new ShiftedTimeProvider();
        await using var app = await TestApp.StartAsync(services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            // The test runs the timer itself: the in-process scheduler would fire on every clock jump.
            foreach (var d in s.Where(d => d.ImplementationType == typeof(StandaloneTimerRuntime)).ToList()) s.Remove(d);
        });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var seeds = new SampleSeeds();
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams(acceptWithinMinutes: 5, reassignAfterMinutes: 15));

        var id = await app.PostLeadAsync(Lead("FR", "sla@corp.example"));
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        Assert.True(TestApp.IsNotified(lead), lead.ToString());
        var first = lead.GetProperty("assignedRep").GetString()!;
        var next = first == seeds.Alice ? seeds.Bob : seeds.Alice;
        Assert.Single(await mail.WaitAsync(first, 1, TimeSpan.FromSeconds(5)));

        async Task TickAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WatchLeadSla>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        clock.Advance(TimeSpan.FromMinutes(2));
        await TickAsync();
        Assert.Single(await mail.ToAsync(first));

        clock.Advance(TimeSpan.FromMinutes(4));
        await TickAsync();
        await TickAsync(); // a second tick sends no second reminder
        var firstMails = await mail.WaitAsync(first, 2, TimeSpan.FromSeconds(5));
        Assert.Equal(2, firstMails.Count);
        Assert.Single(firstMails, m => m.Subject.StartsWith("[Relance]", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromMinutes(10));
        await TickAsync();
        lead = await app.GetLeadAsync(id);
        Assert.Equal(next, lead.GetProperty("assignedRep").GetString());
        Assert.Single(await mail.WaitAsync(next, 1, TimeSpan.FromSeconds(5)));
        var notice = Assert.Single(await mail.WaitAsync(seeds.Boss, 1, TimeSpan.FromSeconds(5)));
        Assert.Contains(next == seeds.Bob ? "Bob Durand" : "Alice Martin", notice.Subject + notice.Text);
        var events = lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["captured", "screened", "assigned", "rep_notified", "sla_reminded", "reassigned"], events);
        // The first rep's old link can't take the lead back.
        var oldAccept = RepLinkReader.Links(firstMails[0].Html)["accept"];
        using var stolen = await app.Client.PostAsync(oldAccept, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Conflict, stolen.StatusCode);

        // The first rep's lead page now says who has it and shows nothing of the lead; the new rep's and the manager's open it.
        using (var revoked = await app.Client.GetAsync(RepLinkReader.LeadPage(firstMails[0].Html)))
        {
            Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
            var page = await revoked.Content.ReadAsStringAsync();
            Assert.Contains(next == seeds.Bob ? "Bob Durand" : "Alice Martin", page);
            Assert.DoesNotContain("sla@corp.example", page);
            Assert.DoesNotContain("?t=", page);
        }
        var nextMail = (await mail.ToAsync(next)).Single();
        using (var owner = await app.Client.GetAsync(RepLinkReader.LeadPage(nextMail.Html)))
        {
            Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
            Assert.Contains("/accept?t=", await owner.Content.ReadAsStringAsync());
        }
        using (var manager = await app.Client.GetAsync(RepLinkReader.LeadPage(notice.Html)))
        {
            Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
            var page = await manager.Content.ReadAsStringAsync();
            Assert.Contains("sla@corp.example", page);
            Assert.DoesNotContain("/accept?t=", page); // a manager watches; the rep acts
        }
    }

    [Fact]
    public async Task A_directory_seeded_later_starts_the_sla_of_an_earlier_lead_then_and_does_not_reassign_it_at_once()
    {
        var clock = new ShiftedTimeProvider();
        await using var app = await TestApp.StartAsync(services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            foreach (var d in s.Where(d => d.ImplementationType == typeof(StandaloneTimerRuntime)).ToList()) s.Remove(d);
        });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        // No directory: the default rep gets the lead, and nobody else could take it, so the mail promises no deadline.
        var id = await app.PostLeadAsync(Lead("FR", "early@corp.example"));
        var first = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("next rep", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("commercial suivant", first.Text, StringComparison.Ordinal);
        await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromHours(2));
        var seeds = new SampleSeeds();
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams(acceptWithinMinutes: 5, reassignAfterMinutes: 15));
        async Task TickAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WatchLeadSla>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        await TickAsync();
        await TickAsync();
        var lead = await app.GetLeadAsync(id);
        Assert.Equal(app.RepEmail, lead.GetProperty("assignedRep").GetString());
        var events = lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["captured", "screened", "assigned", "rep_notified", "sla_started"], events);

        clock.Advance(TimeSpan.FromMinutes(14));
        await TickAsync(); // reminded, still the default rep's: the SLA counts from its start, not from the assignment
        lead = await app.GetLeadAsync(id);
        Assert.Equal(app.RepEmail, lead.GetProperty("assignedRep").GetString());
        Assert.Equal("sla_reminded", lead.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());

        clock.Advance(TimeSpan.FromMinutes(2));
        await TickAsync(); // 16 minutes after the start: moved on
        lead = await app.GetLeadAsync(id);
        Assert.NotEqual(app.RepEmail, lead.GetProperty("assignedRep").GetString());
    }

    [Fact]
    public async Task A_reassignment_whose_mail_failed_is_mailed_to_the_new_rep_on_a_later_tick()
    {
        var clock = new ShiftedTimeProvider();
        FaultyMailSender? sender = null;
        await using var app = await TestApp.StartAsync(services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            foreach (var d in s.Where(d => d.ImplementationType == typeof(StandaloneTimerRuntime)).ToList()) s.Remove(d);
            s.Replace(ServiceDescriptor.Singleton<LeadIntake.Functions.Mail.IMailSender>(sp =>
                sender = new FaultyMailSender(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LeadIntake.Functions.Mail.MailOptions>>())));
        });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var seeds = new SampleSeeds();
        await RepPagesTests.AdminAsync(app, HttpMethod.Post, "/api/sales/directory/seed", seeds.TwoTeams(acceptWithinMinutes: 5, reassignAfterMinutes: 15));
        var id = await app.PostLeadAsync(Lead("FR", "sla-repair@corp.example"));
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        var first = lead.GetProperty("assignedRep").GetString()!;
        var next = first == seeds.Alice ? seeds.Bob : seeds.Alice;

        async Task TickAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WatchLeadSla>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        clock.Advance(TimeSpan.FromMinutes(6));
        await TickAsync(); // reminder
        clock.Advance(TimeSpan.FromMinutes(10));
        sender!.Failing = true;
        await TickAsync(); // reassigned and saved, but the mails fail
        Assert.Equal(next, (await app.GetLeadAsync(id)).GetProperty("assignedRep").GetString());
        Assert.Empty(await mail.ToAsync(next));

        sender.Failing = false;
        clock.Advance(TimeSpan.FromMinutes(2));
        await TickAsync(); // the repair sends the new rep's mail
        await TickAsync(); // and only once
        await PipelineDrain.UntilIdleAsync(app);
        Assert.Single(await mail.WaitAsync(next, 1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Stale_sql_is_recycled_to_nurture_after_the_configured_days()
    {
        var clock = new ShiftedTimeProvider();
        await using var app = await TestApp.StartAsync(settings: new() { ["Dispatch:RecycleAfter"] = "10.00:00:00" }, services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            foreach (var d in s.Where(d => d.ImplementationType == typeof(StandaloneTimerRuntime)).ToList()) s.Remove(d);
        });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(Lead("FR", "stale@corp.example"));
        var links = RepLinkReader.Links(Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(10))).Html);
        using (var post = await app.Client.PostAsync(links["qualify"], new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["budget_min"] = "10000", ["budget_max"] = "20000", ["authority"] = "influencer", ["need"] = "tooling", ["timing_horizon"] = "beyond_year",
        })))
        {
            Assert.Contains("data-status=\"sql\"", await post.Content.ReadAsStringAsync());
        }

        async Task RecycleAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RecycleStaleLeads>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        clock.Advance(TimeSpan.FromDays(9));
        await RecycleAsync();
        Assert.Equal("sql", (await app.GetLeadAsync(id)).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromDays(2));
        await RecycleAsync();
        var lead = await app.GetLeadAsync(id);
        Assert.Equal("nurture", lead.GetProperty("status").GetString());
        Assert.Equal("recycled", lead.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());

        // The same contact writes again: screening attaches the new lead to the nurtured one, which goes back to mql and
        // is dispatched again (docs/screening.md, "Known contacts").
        var touch = await app.PostLeadAsync(Lead("FR", "stale@corp.example"));
        lead = await app.WaitForLeadAsync(id, l => l.GetProperty("status").GetString() == "assigned", TimeSpan.FromSeconds(10));
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
        Assert.Contains(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "retouched");
        Assert.Contains((await app.GetLeadAsync(touch)).GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "attached_to");
    }
}
