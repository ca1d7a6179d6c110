using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// <c>POST /api/intake/email/{provider}</c> (<c>sendgrid</c>, <c>mailgun</c>, <c>postmark</c>, <c>mime</c>): an inbound email.
/// Anonymous: email providers can't send a function key header; each provider's own credential (Mailgun signature,
/// Postmark basic auth) is checked by the handler when it is configured.
/// </summary>
public sealed class IntakeEmail : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("IntakeEmail", new HttpTrigger("intake/email/{provider}", ["post"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static Task<IResult> HandleAsync(string provider, HttpContext context, EmailIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(provider, context.Request, cancellationToken);
}
