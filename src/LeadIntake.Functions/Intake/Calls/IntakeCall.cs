using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake.Calls;

/// <summary>
/// <c>POST /api/intake/call/{provider}</c> (<c>twilio</c>, <c>aircall</c>, <c>acs</c>, <c>generic</c>): a phone call event.
/// Anonymous: telephony providers can't send a function key header; Twilio's signature and Aircall's token are checked
/// by the handler when configured (an ACS Event Grid subscription carries its secret in the URL or uses Entra ID).
/// </summary>
internal sealed class IntakeCall(CallIntakeHandler handler)
{
    [Function("IntakeCall")]
    public Task<CallAnswer> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake/call/{provider}")] HttpRequest request, string provider) =>
        // The request's token, not the invocation's: it carries Intake:StorageDeadline in both modes (IntakeDeadline).
        HandleAsync(provider, request.HttpContext, handler, request.HttpContext.RequestAborted);

    private static Task<CallAnswer> HandleAsync(string provider, HttpContext context, CallIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(provider, context.Request, cancellationToken);
}
