namespace LeadIntake.Core.Privacy;

/// <summary>
/// One purpose for which lead data is processed, as configured (<c>Privacy:Purposes</c>): its id (the suffix of the
/// form's checkbox, <c>consent_{id}</c> or <c>optout_{id}</c>), what it is for, its lawful basis, and for a consent
/// purpose the version of the consent text the checkbox shows.
/// </summary>
/// <param name="Id">Lower-case letters, digits and hyphens: <c>request</c>, <c>follow-up</c>, <c>newsletter</c>.</param>
/// <param name="Description">What the data is used for, in a sentence (printed in the record of processing).</param>
/// <param name="Basis">The lawful basis.</param>
/// <param name="OptOut">
/// The person can object (Art. 21): a form's <c>optout_{id}</c> box, when ticked, records the purpose as not applying.
/// Meaningful for a legitimate-interest purpose.
/// </param>
/// <param name="ConsentTextVersion">For a consent purpose, the version of the text the person agreed to; the form's <c>consentVersion</c> otherwise.</param>
public sealed record ProcessingPurpose(string Id, string Description, LawfulBasis Basis, bool OptOut = false, string? ConsentTextVersion = null)
{
    /// <summary>The three purposes every installation starts with.</summary>
    public static IReadOnlyList<ProcessingPurpose> Defaults { get; } =
    [
        new("request", "Answering the person's request (quote, demo, information, call back).", LawfulBasis.Contract),
        new("follow-up", "Sales follow-up of the request by the sales team, until the person objects.", LawfulBasis.LegitimateInterest, OptOut: true),
        new("newsletter", "Nurturing: newsletters and marketing mails, only with the person's consent.", LawfulBasis.Consent),
    ];

    /// <summary>A valid purpose id: 1 to 40 lower-case ASCII letters, digits or hyphens.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 40 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
