using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Tests.Stages.Fakes;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>The manager's reassign and take links through the stage runner, with in-memory storage and one-time links.</summary>
public sealed class ManagerActionHandlerTests
{
    private readonly DispatchStageParts _p = new();

    private string Token(LeadId id, string signer, RepAction action) =>
        new ActionLinkSigner(Convert.FromBase64String(DispatchStageParts.SigningKey))
            .Sign(new ActionLinkClaims(id, signer, action, _p.H.Time.GetUtcNow().AddDays(1), ActionLinkSigner.NewNonce()));

    private Task<RepPage> GetAsync(LeadId id, RepAction action, string token) =>
        _p.Managers.HandleAsync(id.Value, WireNames.Of(action), token, "/post", post: false, chosenRep: null, acceptLanguage: null, CancellationToken.None);

    private Task<RepPage> PostAsync(LeadId id, RepAction action, string token, string? rep = null) =>
        _p.Managers.HandleAsync(id.Value, WireNames.Of(action), token, "/post", post: true, rep, acceptLanguage: null, CancellationToken.None);

    private static string OtherOf(string rep) => string.Equals(rep, StageDirectory.Alice, StringComparison.OrdinalIgnoreCase) ? StageDirectory.Bob : StageDirectory.Alice;

    [Fact]
    public async Task The_manager_takes_the_lead_becomes_its_owner_gets_the_lead_mail_once_and_the_audit_trail_names_them()
    {
        var lead = await _p.PutAssignedAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(20)); // the escalation came after the SLA
        var token = Token(lead.Id, StageDirectory.Boss, RepAction.ManagerTake);

        Assert.Equal(200, (await GetAsync(lead.Id, RepAction.ManagerTake, token)).Status);
        var page = await PostAsync(lead.Id, RepAction.ManagerTake, token);

        Assert.Equal(200, page.Status);
        var taken = _p.H.Store.Get(lead.Id);
        Assert.Equal(StageDirectory.Boss, taken.Assignment!.RepEmail);
        Assert.Null(taken.SlaDueAt);
        var recorded = _p.H.Store.Events(lead.Id).Last();
        Assert.Equal((LeadEventType.Reassigned, StageDirectory.Boss, _p.H.Time.GetUtcNow()), (recorded.Type, recorded.Actor, recorded.At));
        Assert.Single(_p.H.Outbox.SentAbout(lead.Id), m => m.To.Address == StageDirectory.Boss && m.Purpose.StartsWith(RoutedLeadMail.Purpose, StringComparison.Ordinal));
        Assert.Contains("/api/rep/leads/", page.Html, StringComparison.Ordinal);

        var again = await PostAsync(lead.Id, RepAction.ManagerTake, token);
        Assert.Equal(409, again.Status);
        Assert.Single(_p.H.Outbox.SentAbout(lead.Id), m => m.To.Address == StageDirectory.Boss);
    }

    [Fact]
    public async Task The_reassign_form_lists_the_other_reps_of_the_team_and_the_chosen_one_gets_the_lead_and_its_mail()
    {
        var lead = await _p.PutAssignedAsync();
        var owner = lead.Assignment!.RepEmail;
        var other = OtherOf(owner);
        _p.H.Time.Advance(TimeSpan.FromMinutes(20));
        var token = Token(lead.Id, StageDirectory.Boss, RepAction.ManagerReassign);

        var form = await GetAsync(lead.Id, RepAction.ManagerReassign, token);
        Assert.Contains($"value=\"{other}\"", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{owner}\"", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"gina@corp.test\"", form.Html, StringComparison.Ordinal);

        var page = await PostAsync(lead.Id, RepAction.ManagerReassign, token, other);

        Assert.Equal(200, page.Status);
        var moved = _p.H.Store.Get(lead.Id);
        Assert.Equal(other, moved.Assignment!.RepEmail);
        Assert.Contains(owner, moved.PreviousAssignees);
        Assert.NotNull(moved.SlaDueAt);
        Assert.Equal(StageDirectory.Boss, _p.H.Store.Events(lead.Id).Last().Actor);
        Assert.Single(_p.H.Outbox.SentAbout(lead.Id), m => m.To.Address == other);
    }

    [Fact]
    public async Task A_rep_outside_the_list_is_refused_and_the_link_stays_usable()
    {
        var lead = await _p.PutAssignedAsync();
        var token = Token(lead.Id, StageDirectory.Boss, RepAction.ManagerReassign);
        var saves = _p.H.Store.Saves;

        var refused = await PostAsync(lead.Id, RepAction.ManagerReassign, token, "gina@corp.test");

        Assert.Equal(422, refused.Status);
        Assert.Contains("role=\"alert\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(saves, _p.H.Store.Saves);
        Assert.Equal(200, (await PostAsync(lead.Id, RepAction.ManagerReassign, token, OtherOf(lead.Assignment!.RepEmail))).Status);
    }

    [Fact]
    public async Task A_link_signed_for_someone_who_does_not_manage_the_team_changes_nothing()
    {
        var lead = await _p.PutAssignedAsync();
        var token = Token(lead.Id, lead.Assignment!.RepEmail, RepAction.ManagerTake);

        var page = await PostAsync(lead.Id, RepAction.ManagerTake, token);

        Assert.Equal(409, page.Status);
        Assert.Equal(lead.Assignment, _p.H.Store.Get(lead.Id).Assignment);
    }

    [Fact]
    public async Task Once_the_rep_accepted_the_link_says_what_happened_instead_of_acting()
    {
        var lead = await _p.PutAssignedAsync();
        _p.H.Store.Put(_p.H.Store.Get(lead.Id).MovedTo(LeadStatus.Accepted, _p.H.Time.GetUtcNow()));

        var page = await PostAsync(lead.Id, RepAction.ManagerTake, Token(lead.Id, StageDirectory.Boss, RepAction.ManagerTake));

        Assert.Equal(409, page.Status);
        Assert.Contains("id=\"stale\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(lead.Assignment, _p.H.Store.Get(lead.Id).Assignment);
    }

    [Fact]
    public async Task The_pages_follow_the_manager_team_language()
    {
        var lead = await _p.PutAssignedAsync();
        var setup = _p.Directory.Setup!;
        _p.Directory.Setup = setup with { Directory = setup.Directory with { Teams = setup.Directory.Teams.Select(t => t with { Language = "fr" }).ToList() } };

        var page = await GetAsync(lead.Id, RepAction.ManagerTake, Token(lead.Id, StageDirectory.Boss, RepAction.ManagerTake));

        Assert.Contains("<html lang=\"fr\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("Prendre ce lead", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_manager_notice_of_a_waiting_lead_carries_both_signed_links()
    {
        var lead = await _p.PutAssignedAsync();
        var setup = _p.Directory.Setup!;
        var team = setup.Directory.FindTeam("industry")!;

        var notice = _p.Links.MailPolicy.ManagerNotice(lead, team, lead.Assignment!, null, setup, TimeSpan.FromMinutes(20), _p.H.Time.GetUtcNow());

        Assert.Contains($"/api/manager/leads/{lead.Id.Value}/manager_reassign?t=", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"/api/manager/leads/{lead.Id.Value}/manager_take?t=", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_link_moved_onto_the_rep_pages_is_not_found_there()
    {
        var lead = await _p.PutAssignedAsync();
        var token = Token(lead.Id, StageDirectory.Boss, RepAction.ManagerTake);

        var page = await _p.RepActions.HandleAsync(lead.Id.Value, WireNames.Of(RepAction.ManagerTake), token, "/post", new Dictionary<string, string>(), null, CancellationToken.None);

        Assert.Equal(404, page.Status);
        Assert.Equal(lead.Assignment, _p.H.Store.Get(lead.Id).Assignment);
    }
}
