using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Tests.Stages.Fakes;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>A rep's signed-link actions through the stage runner, with in-memory storage and one-time links.</summary>
public sealed class RepActionHandlerTests
{
    private static readonly Dictionary<string, string> NoFields = [];

    private readonly DispatchStageParts _p = new();

    private string Token(LeadId id, string rep, RepAction action) =>
        new ActionLinkSigner(Convert.FromBase64String(DispatchStageParts.SigningKey))
            .Sign(new ActionLinkClaims(id, rep, action, _p.H.Time.GetUtcNow().AddDays(1), ActionLinkSigner.NewNonce()));

    private Task<RepPage> PostAsync(LeadId id, RepAction action, string token, IReadOnlyDictionary<string, string>? form = null) =>
        _p.RepActions.HandleAsync(id.Value, WireNames.Of(action), token, "/post", form ?? NoFields, null, CancellationToken.None);

    private static ActionLinkClaims Claims(string token) =>
        new ActionLinkSigner(Convert.FromBase64String(DispatchStageParts.SigningKey)).Verify(token, DateTimeOffset.UnixEpoch).ValidClaims!;

    [Fact]
    public async Task Accepting_saves_the_lead_makes_the_rep_its_accounts_owner_and_uses_the_link()
    {
        var lead = await _p.PutAssignedAsync();
        var rep = lead.Assignment!.RepEmail;
        var token = Token(lead.Id, rep, RepAction.Accept);

        var page = await PostAsync(lead.Id, RepAction.Accept, token);

        Assert.Equal(200, page.Status);
        Assert.Contains("data-status=\"accepted\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(LeadStatus.Accepted, _p.H.Store.Get(lead.Id).Status);
        Assert.Equal(rep, _p.Owners.Recorded[lead.Id]);
        Assert.True(await _p.UsedLinks.IsUsedAsync(Claims(token), CancellationToken.None));
    }

    [Fact]
    public async Task A_double_click_saves_the_acceptance_once_and_the_second_says_nothing_changed()
    {
        var lead = await _p.PutAssignedAsync();
        var token = Token(lead.Id, lead.Assignment!.RepEmail, RepAction.Accept);

        await PostAsync(lead.Id, RepAction.Accept, token);
        var saves = _p.H.Store.Saves;
        var second = await PostAsync(lead.Id, RepAction.Accept, token);

        Assert.Equal(200, second.Status);
        Assert.Contains("Nothing to change", second.Html, StringComparison.Ordinal);
        Assert.Equal(saves, _p.H.Store.Saves);
        Assert.Single(_p.EventTypes(lead.Id), t => t == LeadEventType.Accepted);
    }

    [Fact]
    public async Task A_reassignment_saved_just_before_the_acceptance_refuses_it_and_gives_the_link_back()
    {
        var lead = await _p.PutAssignedAsync();
        var rep = lead.Assignment!.RepEmail;
        var other = rep == StageDirectory.Alice ? StageDirectory.Bob : StageDirectory.Alice;
        var token = Token(lead.Id, rep, RepAction.Accept);
        _p.H.Store.BeforeNextSave(s => s.Put(s.Get(lead.Id) with
        {
            Assignment = new RepAssignment(other, null, "SLA reassignment", _p.H.Time.GetUtcNow()),
            PreviousAssignees = [rep],
        }));

        var page = await PostAsync(lead.Id, RepAction.Accept, token);

        Assert.Equal(409, page.Status);
        Assert.DoesNotContain("data-status=\"accepted\"", page.Html, StringComparison.Ordinal);
        var found = _p.H.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Assigned, found.Status);
        Assert.Equal(other, found.Assignment!.RepEmail);
        Assert.Equal(1, _p.H.Store.ConcurrentRefusals);
        Assert.Empty(_p.Owners.Recorded);
        Assert.False(await _p.UsedLinks.IsUsedAsync(Claims(token), CancellationToken.None));
    }

    [Fact]
    public async Task A_save_that_fails_gives_the_link_back_so_the_rep_can_try_again()
    {
        var lead = await _p.PutAssignedAsync();
        var token = Token(lead.Id, lead.Assignment!.RepEmail, RepAction.Accept);
        _p.H.Store.BeforeNextSave(_ => throw new IOException("table unavailable (test)"));

        await Assert.ThrowsAsync<IOException>(() => PostAsync(lead.Id, RepAction.Accept, token));
        Assert.False(await _p.UsedLinks.IsUsedAsync(Claims(token), CancellationToken.None));

        var retried = await PostAsync(lead.Id, RepAction.Accept, token);

        Assert.Equal(200, retried.Status);
        Assert.Equal(LeadStatus.Accepted, _p.H.Store.Get(lead.Id).Status);
    }

    [Fact]
    public async Task A_failure_after_the_save_keeps_the_link_used_and_the_next_click_records_the_account_owner()
    {
        var lead = await _p.PutAssignedAsync();
        var rep = lead.Assignment!.RepEmail;
        var token = Token(lead.Id, rep, RepAction.Accept);
        _p.Owners.FailNext();

        await Assert.ThrowsAsync<IOException>(() => PostAsync(lead.Id, RepAction.Accept, token));
        Assert.Equal(LeadStatus.Accepted, _p.H.Store.Get(lead.Id).Status);
        Assert.True(await _p.UsedLinks.IsUsedAsync(Claims(token), CancellationToken.None));
        Assert.Empty(_p.Owners.Recorded);

        var again = await PostAsync(lead.Id, RepAction.Accept, token);

        Assert.Equal(200, again.Status);
        Assert.Equal(rep, _p.Owners.Recorded[lead.Id]);
        Assert.Single(_p.EventTypes(lead.Id), t => t == LeadEventType.Accepted);
    }

    [Fact]
    public async Task Spam_a_rep_disqualifies_becomes_one_spam_example_for_screening()
    {
        var lead = await _p.PutAssignedAsync();
        var rep = lead.Assignment!.RepEmail;
        var spam = new Dictionary<string, string> { ["reason"] = "spam" };

        var page = await PostAsync(lead.Id, RepAction.Disqualify, Token(lead.Id, rep, RepAction.Disqualify), spam);
        await PostAsync(lead.Id, RepAction.Disqualify, Token(lead.Id, rep, RepAction.Disqualify), spam);

        Assert.Equal(200, page.Status);
        Assert.Equal(LeadStatus.Spam, _p.H.Store.Get(lead.Id).Status);
        var example = Assert.Single(_p.H.Feedback.Examples);
        Assert.Equal((lead.Id, LeadIntent.Spam, FeedbackSource.ReportedSpam, rep), (example.LeadId, example.Label, example.Source, example.Actor));
    }
}
