namespace LeadIntake.Core.Dispatch.Links;

/// <summary>What checking an action link found: a value the rep page maps to a page or a 4xx.</summary>
public abstract record ActionLinkVerification
{
    private ActionLinkVerification() { }

    /// <summary>The link's claims when it is valid; null when the page must refuse it.</summary>
    public ActionLinkClaims? ValidClaims => this is Valid valid ? valid.Claims : null;

    public sealed record Valid(ActionLinkClaims Claims) : ActionLinkVerification;

    /// <summary>Genuine but too old: the page can offer to open the lead instead.</summary>
    public sealed record Expired(ActionLinkClaims Claims) : ActionLinkVerification;

    /// <summary>The signature doesn't match, or the link was used for another lead or action than it was signed for.</summary>
    public sealed record Tampered : ActionLinkVerification;

    /// <summary>Not a token at all (truncated by a mail client, garbage).</summary>
    public sealed record Malformed : ActionLinkVerification;
}
