using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// <c>POST /api/intake/form</c>: a lead from a website form (JSON, urlencoded or multipart; a plain HTML post is
/// answered 303 See Other). Anonymous: browsers post it; CORS, the rate limit and the optional CAPTCHA guard it.
/// </summary>
public sealed class IntakeForm : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("IntakeForm", new HttpTrigger("intake/form", ["post"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static Task<IResult> HandleAsync(HttpContext context, FormIntakeHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(context, cancellationToken);
}
