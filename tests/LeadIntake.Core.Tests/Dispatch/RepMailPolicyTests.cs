using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

/// <summary>Which language, zone and links a dispatch or SLA mail gets: policy, decided in Core.</summary>
public sealed class RepMailPolicyTests
{
    private static readonly ActionLinkSigner Signer = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly RepMailPolicy Policy = new(new RepMailLinks(Signer, "https://leads.test/", TimeSpan.FromDays(14)));
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static RoutingSetup Setup(string repLanguage, string managerLanguage) => new(new SalesDirectory
    {
        Reps =
        [
            new SalesRep { Email = "alice@corp.test", Name = "Alice", Languages = [repLanguage] },
            new SalesRep { Email = "boss@corp.test", Name = "Boss", Languages = [managerLanguage] },
        ],
        Teams =
        [
            new SalesTeam
            {
                Id = "industry", Name = "Industry", Members = ["alice@corp.test"], ManagerEmail = "boss@corp.test",
                FallbackOwner = "boss@corp.test", TimeZone = Paris,
            },
        ],
        DefaultTeamId = "industry",
    }, []);

    private static Lead Assigned() => InStatus(LeadStatus.Assigned, Monday) with { SlaDueAt = Monday.AddMinutes(5) };

    [Fact]
    public void A_french_rep_is_mailed_in_french_with_the_deadline_in_the_teams_zone()
    {
        var lead = Assigned();

        var mail = Policy.RoutedLead(lead, lead.Assignment!, Setup("fr", "en"), Monday);

        Assert.Contains("Accepter", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("10:05", mail.TextBody, StringComparison.Ordinal); // 09:05 UTC is 10:05 in Paris in March
        Assert.DoesNotContain("Accept:", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_directory_the_mail_is_in_english_with_times_in_utc()
    {
        var lead = Assigned();

        var mail = Policy.RoutedLead(lead, lead.Assignment!, setup: null, Monday);

        Assert.Contains("Accept:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("09:05", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manager_is_told_in_the_managers_language_with_a_read_only_lead_page()
    {
        var lead = Assigned();
        var setup = Setup("en", "fr");
        var next = new RepAssignment("bob@corp.test", "Bob", "test", Monday.AddMinutes(15));

        var notice = Policy.ManagerNotice(lead, setup.Directory.DefaultTeam, lead.Assignment!, next, setup, TimeSpan.FromMinutes(15), Monday.AddMinutes(15));

        Assert.Equal("boss@corp.test", notice.To.Address);
        Assert.Contains("Ouvrir", notice.TextBody, StringComparison.Ordinal);
        ActionLinkClaims Claims(string line) => Signer.Verify(line[(line.IndexOf("?t=", StringComparison.Ordinal) + 3)..].Trim(), Monday).ValidClaims!;
        var links = notice.TextBody.Split('\n').Where(l => l.Contains("?t=", StringComparison.Ordinal)).ToList();
        var page = Claims(links.Single(l => l.Contains("/api/rep/leads/", StringComparison.Ordinal)));
        Assert.Equal((RepAction.View, LeadPageLinks.ObserverNonce, "boss@corp.test"), (page.Action, page.Nonce, page.RepEmail));
        // The lead still waits for acceptance: the manager can hand it on or take it, with links signed for them.
        var actions = links.Where(l => l.Contains("/api/manager/leads/", StringComparison.Ordinal)).Select(Claims).ToList();
        Assert.Equal([(RepAction.ManagerReassign, "boss@corp.test"), (RepAction.ManagerTake, "boss@corp.test")], actions.Select(c => (c.Action, c.RepEmail)));
        Assert.Contains("Confier à un autre commercial", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_point_to_the_public_base_url_and_expire_after_the_lifetime_from_when_the_mail_is_composed()
    {
        var lead = Assigned();
        var composedAt = Monday.AddHours(3);

        var links = new RepMailLinks(Signer, "https://leads.test/", TimeSpan.FromDays(14)).ForMail(lead.Id, lead.Assignment!, composedAt);

        Assert.StartsWith($"https://leads.test/api/rep/leads/{lead.Id.Value}/accept?t=", links.Accept, StringComparison.Ordinal);
        var token = links.Accept[(links.Accept.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
        Assert.Equal(composedAt.AddDays(14).ToUnixTimeSeconds(), Signer.Verify(token, composedAt).ValidClaims!.ExpiresAt.ToUnixTimeSeconds());
    }
}
