using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake.Email;

/// <summary>
/// <c>POST /api/intake/email/{provider}</c> (<c>sendgrid</c>, <c>mailgun</c>, <c>postmark</c>, <c>mime</c>): an inbound email.
/// Anonymous: email providers can't send a function key header; each provider's own credential (Mailgun signature,
/// Postmark basic auth) is checked by the handler when it is configured.
/// </summary>
internal sealed class IntakeEmail(EmailIntakeHandler handler)
{
    [Function("IntakeEmail")]
    public Task<IntakeAnswer> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake/email/{provider}")] HttpRequest request, string provider) =>
        // The request's token, not the invocation's: it carries Intake:StorageDeadline in both modes (IntakeDeadline).
        HandleAsync(provider, request.HttpContext, handler, request.HttpContext.RequestAborted);

    private static Task<IntakeAnswer> HandleAsync(string provider, HttpContext context, EmailIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(provider, context.Request, cancellationToken);
}
