using LeadIntake.Core.Intake.Social;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake.Social;

/// <summary>
/// <c>GET /api/intake/social/{provider}?hub.mode=subscribe&amp;hub.verify_token=…&amp;hub.challenge=…</c>: Meta's webhook
/// verification. Echoes the challenge as text/plain when the token matches <c>Meta:VerifyToken</c>, else 403.
/// Anonymous: Meta sends no key; the verify token is the credential.
/// </summary>
internal sealed class VerifyMetaWebhook(IOptionsSnapshot<MetaOptions> meta, ILogger<VerifyMetaWebhook> logger)
{
    [Function("VerifyMetaWebhook")]
    public Results<ContentHttpResult, ProblemHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "intake/social/{provider}")] HttpRequest request, string provider) =>
        Handle(provider, request, meta, logger);

    private static Results<ContentHttpResult, ProblemHttpResult> Handle(string provider, HttpRequest request, IOptionsSnapshot<MetaOptions> meta, ILogger<VerifyMetaWebhook> logger)
    {
        if (!string.Equals(provider, MetaLeadParser.Provider, StringComparison.OrdinalIgnoreCase)) return WebhookRequest.UnknownProvider(provider, [MetaLeadParser.Provider]);
        var query = request.Query;
        var decision = MetaVerificationDecision.Decide(query["hub.mode"], query["hub.verify_token"], query["hub.challenge"], meta.Value.VerifyToken ?? string.Empty);
        if (decision.Accepted && !string.IsNullOrEmpty(meta.Value.VerifyToken))
        {
            // The challenge is caller-chosen text echoed back: never let a browser sniff it into HTML or script.
            request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Text(decision.Challenge!, "text/plain");
        }
        CaptureLog.MetaVerificationRefused(logger);
        return Problems.Field(StatusCodes.Status403Forbidden, "Verification refused.", "hub.verify_token", "The mode must be 'subscribe' and the verify token must match Meta:VerifyToken.");
    }
}
