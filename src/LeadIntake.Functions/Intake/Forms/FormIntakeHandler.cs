using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Intake.Forms;

/// <summary>
/// A website form post: read (JSON, urlencoded, multipart), check the CAPTCHA when one is configured, parse, capture.
/// A plain HTML form post (urlencoded or multipart from a browser that prefers text/html) is answered 303 See Other to
/// the thank-you page (or an allow-listed <c>redirect</c>), other clients get the JSON answer.
/// </summary>
internal sealed class FormIntakeHandler(
    LeadCapture capture,
    CaptchaVerifier captcha,
    IOptionsSnapshot<FormsOptions> forms,
    IOptionsMonitor<Privacy.PrivacyOptions> privacy,
    TimeProvider time,
    ILogger<FormIntakeHandler> logger)
{
    public async Task<FormAnswer> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var options = forms.Value;
        var request = context.Request;
        if (!(await RequestBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken)).TryValue(out var body, out var tooLarge)) return tooLarge;
        if (!(await FormFieldsReader.ReadAsync(request.ContentType, body, cancellationToken)).TryValue(out var fields, out var unreadable)) return unreadable;

        var idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault();
        if (idempotencyKey is { Length: > 200 }) return Problems.Field(StatusCodes.Status400BadRequest, "Invalid header.", "Idempotency-Key", "Must be at most 200 characters.");
        if (idempotencyKey is not null) fields.Add(new("idempotencyKey", idempotencyKey));

        // CAPTCHA tokens are checked, never kept: they are up to 2,048 characters of noise for the lead.
        var tokenField = fields.FirstOrDefault(f => CaptchaVerifier.TokenFields.Contains(f.Key) && !string.IsNullOrWhiteSpace(f.Value));
        fields.RemoveAll(f => CaptchaVerifier.TokenFields.Contains(f.Key));
        bool? captchaPassed = null;
        if (captcha.Enabled)
        {
            if (tokenField.Key is null) return Problems.Field(StatusCodes.Status422UnprocessableEntity, "The CAPTCHA is missing.", CaptchaVerifier.TokenFields[0], "Complete the CAPTCHA.");
            var verdict = await captcha.VerifyAsync(tokenField.Value!, cancellationToken);
            if (verdict == CaptchaVerdict.Failed) return Problems.Field(StatusCodes.Status422UnprocessableEntity, "The CAPTCHA was not passed.", tokenField.Key, "The CAPTCHA token was refused; complete it again.");
            if (verdict == CaptchaVerdict.Unavailable) CaptureLog.CaptchaUnavailable(logger, "verifier did not answer");
            captchaPassed = verdict == CaptchaVerdict.Passed ? true : null;
        }

        var rules = new FormParseRules { HoneypotField = options.HoneypotField, RequireConsent = options.RequireConsent, DefaultConsentVersion = options.ConsentVersion };
        var signals = ClientSignals.From(context) with { CaptchaPassed = captchaPassed };
        var outcome = FormLeadParser.Parse(fields, rules, signals, time.GetUtcNow());
        // A form is never ignored: its parser answers a lead or field errors.
        if (outcome is not ParseOutcome<CapturedLead>.Parsed parsed) return Problems.Invalid(outcome is ParseOutcome<CapturedLead>.Invalid invalid ? invalid.Errors : []);

        var result = await capture.CaptureAsync(parsed.Value, cancellationToken);
        var notice = privacy.CurrentValue.ToPolicy();
        if (!IsBrowserFormPost(request))
        {
            var answer = IntakeResponses.WithNotice(result, notice.NoticeUrl, notice.NoticeVersion);
            return result.Duplicate ? TypedResults.Ok(answer) : TypedResults.Accepted($"/api/leads/{result.Id.Value}", answer);
        }
        var target = FormRedirect.Decide(FormLeadParser.RequestedRedirect(fields), options.ThankYouUrl, FormsOptions.Origins(options.AllowedRedirects));
        return target is null
            ? ThankYouPage.Render(fields, request)
            : new SeeOtherResult(target);
    }

    /// <summary>A browser's native form submission: a form encoding, and an Accept header whose first choice is HTML.</summary>
    public static bool IsBrowserFormPost(HttpRequest request)
    {
        var media = WebhookRequest.MediaTypeOf(request);
        if (!WebhookRequest.Is(media, WebhookRequest.UrlEncoded) && !WebhookRequest.Is(media, WebhookRequest.Multipart)) return false;
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepts) || accepts.Count == 0) return false;
        var preferred = accepts.OrderByDescending(a => a.Quality ?? 1.0).First();
        return preferred.MediaType.Value is { } type &&
               (type.Equals("text/html", StringComparison.OrdinalIgnoreCase) || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
    }
}
