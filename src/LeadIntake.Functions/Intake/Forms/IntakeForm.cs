using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake.Forms;

/// <summary>
/// <c>POST /api/intake/form</c>: a lead from a website form (JSON, urlencoded or multipart; a plain HTML post is
/// answered 303 See Other). Anonymous: browsers post it; CORS, the rate limit and the optional CAPTCHA guard it.
/// </summary>
internal sealed class IntakeForm(FormIntakeHandler handler)
{
    [Function("IntakeForm")]
    public Task<FormAnswer> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake/form")] HttpRequest request) =>
        // The request's token, not the invocation's: it carries Intake:StorageDeadline in both modes (IntakeDeadline).
        HandleAsync(request.HttpContext, handler, request.HttpContext.RequestAborted);

    private static Task<FormAnswer> HandleAsync(HttpContext context, FormIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(context, cancellationToken);
}
