using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Tests.Stages.Fakes;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>Pages shown before a link is verified follow the lead's rep or team, else the browser, else English.</summary>
public sealed class RefusalPageLanguageTests
{
    private static readonly Dictionary<string, string> NoFields = [];

    private readonly DispatchStageParts _p = new();

    private void TeamsSpeak(string language)
    {
        var setup = _p.Directory.Setup!;
        _p.Directory.Setup = setup with { Directory = setup.Directory with { Teams = setup.Directory.Teams.Select(t => t with { Language = language }).ToList() } };
    }

    private Task<RepPage> PostAsync(string id, string token, string? acceptLanguage) =>
        _p.RepActions.HandleAsync(id, "accept", token, "/post", NoFields, acceptLanguage, CancellationToken.None);

    private string ExpiredToken(LeadId id, string rep) =>
        new ActionLinkSigner(Convert.FromBase64String(DispatchStageParts.SigningKey))
            .Sign(new ActionLinkClaims(id, rep, RepAction.Accept, _p.H.Time.GetUtcNow().AddMinutes(-1), ActionLinkSigner.NewNonce()));

    [Fact]
    public async Task An_altered_link_to_a_lead_of_a_french_team_answers_in_french_whatever_the_browser_asks()
    {
        var lead = await _p.PutAssignedAsync();
        TeamsSpeak("fr");

        var page = await PostAsync(lead.Id.Value, "not-a-token", "en-US,en;q=0.9");

        Assert.Equal(403, page.Status);
        Assert.Contains("<html lang=\"fr\">", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_to_a_lead_of_a_french_team_answers_in_french()
    {
        var lead = await _p.PutAssignedAsync();
        TeamsSpeak("fr");

        var page = await PostAsync(lead.Id.Value, ExpiredToken(lead.Id, lead.Assignment!.RepEmail), null);

        Assert.Equal(410, page.Status);
        Assert.Contains("<html lang=\"fr\">", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_an_unknown_lead_answers_in_the_browser_language()
    {
        var unknown = LeadId.New(_p.H.Time.GetUtcNow()).Value;

        var page = await PostAsync(unknown, "not-a-token", "de-DE, fr-CH;q=0.8, en;q=0.5");

        Assert.Contains("<html lang=\"fr\">", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_lead_id_without_accept_language_answers_in_english()
    {
        var page = await PostAsync("not-an-id", "not-a-token", null);

        Assert.Equal(404, page.Status);
        Assert.Contains("<html lang=\"en\">", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("fr", "fr")]
    [InlineData("fr-BE,fr;q=0.9", "fr")]
    [InlineData("en;q=0.4, fr;q=0.7", "fr")]
    [InlineData("de, en-GB;q=0.8, fr;q=0.5", "en")]
    [InlineData("fr;q=0, en;q=0.1", "en")]
    [InlineData("de, es", "en")]
    [InlineData(";;;garbage", "en")]
    public void Accept_language_picks_the_most_preferred_language_we_have(string? header, string expected) =>
        Assert.Equal(expected, PageLanguage.FromAcceptLanguage(header).Code);
}
