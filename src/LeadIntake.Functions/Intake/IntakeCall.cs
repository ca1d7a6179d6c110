using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// <c>POST /api/intake/call/{provider}</c> (<c>twilio</c>, <c>aircall</c>, <c>acs</c>, <c>generic</c>): a phone call event.
/// Anonymous: telephony providers can't send a function key header; Twilio's signature and Aircall's token are checked
/// by the handler when configured (an ACS Event Grid subscription carries its secret in the URL or uses Entra ID).
/// </summary>
public sealed class IntakeCall : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("IntakeCall", new HttpTrigger("intake/call/{provider}", ["post"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static Task<IResult> HandleAsync(string provider, HttpContext context, CallIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(provider, context.Request, cancellationToken);
}
