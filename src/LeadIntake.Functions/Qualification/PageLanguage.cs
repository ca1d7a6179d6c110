using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The language of a page shown before its link is verified (expired, invalid, lead not found): the language of the
/// lead's rep (else its team) when the id parses and the lead exists, since that is who holds the link; else the
/// browser's <c>Accept-Language</c> (its most preferred of fr/en); else English. The lead is read only on these
/// refusal paths: one point read, and nothing of the lead is shown.
/// </summary>
internal sealed class PageLanguage(ILeadStore store, ISalesDirectory directory)
{
    public async Task<RepTexts> ForAsync(string id, string? acceptLanguage, CancellationToken cancellationToken)
    {
        if (LeadId.TryParse(id, out var leadId) && await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            var setup = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
            var lead = stored.Lead;
            return RepLanguage.Of(setup, lead.Assignment?.RepEmail ?? "", lead);
        }
        return FromAcceptLanguage(acceptLanguage);
    }

    /// <summary>The most preferred of the languages we have in an <c>Accept-Language</c> header; English otherwise.</summary>
    public static RepTexts FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var ranges)) return RepTexts.English;
        var best = ranges
            .Where(r => (r.Quality ?? 1) > 0)
            .Select((r, i) => (Code: r.Value.Value?.Split('-')[0].ToLowerInvariant(), Quality: r.Quality ?? 1, Order: i))
            .Where(r => r.Code is not null && RepTexts.Languages.Contains(r.Code))
            .OrderByDescending(r => r.Quality).ThenBy(r => r.Order)
            .FirstOrDefault();
        return RepTexts.For(best.Code);
    }
}
