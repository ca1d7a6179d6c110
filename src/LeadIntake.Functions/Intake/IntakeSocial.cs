using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// <c>POST /api/intake/social/{provider}</c> (<c>meta</c>, <c>generic</c>): a social lead ad notification.
/// Anonymous: Meta can't send a function key; <c>X-Hub-Signature-256</c> is checked when <c>Meta:AppSecret</c> is set.
/// </summary>
public sealed class IntakeSocial : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("IntakeSocial", new HttpTrigger("intake/social/{provider}", ["post"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static Task<IResult> HandleAsync(string provider, HttpContext context, SocialIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(provider, context.Request, cancellationToken);
}
