using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake.Social;

/// <summary>
/// <c>POST /api/intake/social/{provider}</c> (<c>meta</c>, <c>generic</c>): a social lead ad notification.
/// Anonymous: Meta can't send a function key; <c>X-Hub-Signature-256</c> is checked when <c>Meta:AppSecret</c> is set.
/// </summary>
internal sealed class IntakeSocial(SocialIntakeHandler handler)
{
    [Function("IntakeSocial")]
    public Task<IntakeAnswer> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake/social/{provider}")] HttpRequest request, string provider) =>
        // The request's token, not the invocation's: it carries Intake:StorageDeadline in both modes (IntakeDeadline).
        HandleAsync(provider, request.HttpContext, handler, request.HttpContext.RequestAborted);

    private static Task<IntakeAnswer> HandleAsync(string provider, HttpContext context, SocialIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(provider, context.Request, cancellationToken);
}
