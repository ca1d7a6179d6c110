using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Intake.Social;

/// <summary>Meta Lead Ads (<c>Meta__*</c>): webhook verification, signature, and the Graph API the lead data is fetched from.</summary>
internal sealed class MetaOptions
{
    public const string SectionName = "Meta";

    /// <summary>The documented Graph API root; the notification carries no lead data, <c>GET {base}/{leadgen_id}</c> does.</summary>
    public const string DefaultGraphBaseUrl = "https://graph.facebook.com/v21.0";

    /// <summary>The app secret: <c>X-Hub-Signature-256</c> is checked when it is set.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The string typed in the app dashboard; the <c>GET</c> verification request must repeat it.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>A page access token with <c>leads_retrieval</c>.</summary>
    public string? AccessToken { get; set; }

    [Url(ErrorMessage = "Meta:GraphBaseUrl must be an absolute http(s) URL.")]
    public string GraphBaseUrl { get; set; } = DefaultGraphBaseUrl;

    /// <summary>How long one Graph call may take before the delivery fails (Meta then retries it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Meta:GraphTimeout must be between 00:00:01 and 00:01:00.")]
    public TimeSpan GraphTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
