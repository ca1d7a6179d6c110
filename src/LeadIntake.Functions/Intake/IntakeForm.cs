using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary><c>POST /api/intake/form</c>: a lead from a website form (JSON, urlencoded or multipart).</summary>
public sealed class IntakeForm : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("IntakeForm", new HttpTrigger("intake/form", ["post"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static async Task<IResult> HandleAsync(HttpContext context, LeadCapture capture, IOptionsSnapshot<FormsOptions> forms, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = forms.Value;
        var (body, tooLarge) = await RequestBody.ReadAsync(context.Request, options.MaxBodyBytes, cancellationToken);
        if (tooLarge is not null) return tooLarge;
        var (fields, unreadable) = await FormFieldsReader.ReadAsync(context.Request.ContentType, body!, cancellationToken);
        if (unreadable is not null) return unreadable;

        var idempotencyKey = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (idempotencyKey is { Length: > 200 }) return Problems.Field(StatusCodes.Status400BadRequest, "Invalid header.", "Idempotency-Key", "Must be at most 200 characters.");
        if (idempotencyKey is not null) fields!.Add(new("idempotencyKey", idempotencyKey));

        var rules = new FormParseRules { HoneypotField = options.HoneypotField, RequireConsent = options.RequireConsent, DefaultConsentVersion = options.ConsentVersion };
        var outcome = FormLeadParser.Parse(fields!, rules, ClientSignals.From(context), time.GetUtcNow());
        if (outcome is FormParseOutcome.Invalid invalid) return Problems.Invalid(invalid.Errors);

        var result = await capture.CaptureAsync(((FormParseOutcome.Parsed)outcome).Lead, cancellationToken);
        return IntakeResponses.Captured(result);
    }
}
