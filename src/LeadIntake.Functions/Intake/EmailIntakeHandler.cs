using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Email;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// Inbound email from SendGrid Inbound Parse, Mailgun routes, Postmark inbound or a raw RFC 5322 message: check the
/// provider's credential when one is configured, parse with the provider's Core parser, capture.
/// </summary>
public sealed class EmailIntakeHandler(
    WebhookLeadCapture capture,
    IOptionsSnapshot<IntakeOptions> intake,
    IOptionsSnapshot<MailgunOptions> mailgun,
    IOptionsSnapshot<PostmarkOptions> postmark,
    TimeProvider time,
    ILogger<EmailIntakeHandler> logger)
{
    public static IReadOnlyList<string> Providers { get; } = [SendGridInboundParser.Provider, MailgunRouteParser.Provider, PostmarkInboundParser.Provider, MimeEmailParser.Provider];

    public async Task<IResult> HandleAsync(string provider, HttpRequest request, CancellationToken cancellationToken)
    {
        provider = provider.ToLowerInvariant();
        if (!Providers.Contains(provider)) return WebhookRequest.UnknownProvider(provider, Providers);
        var media = WebhookRequest.MediaTypeOf(request);
        var accepted = provider switch
        {
            "sendgrid" => WebhookRequest.Is(media, WebhookRequest.Multipart),
            "mailgun" => WebhookRequest.Is(media, WebhookRequest.Multipart) || WebhookRequest.Is(media, WebhookRequest.UrlEncoded),
            "postmark" => WebhookRequest.IsJson(media),
            _ => WebhookRequest.Is(media, WebhookRequest.Rfc822),
        };
        if (!accepted) return Problems.UnsupportedMediaType(request.ContentType, MediaTypesOf(provider));
        if (provider == "postmark" && postmark.Value.Username is { Length: > 0 } user)
        {
            var verdict = PostmarkBasicAuth.Verify(user, postmark.Value.Password ?? string.Empty, request.Headers.Authorization.FirstOrDefault());
            if (verdict != SignatureVerdict.Valid) return WebhookRequest.Unauthorized(logger, provider, verdict, "Authorization");
        }

        var (body, unreadable) = await WebhookRequest.ReadAsync(request, intake.Value.MaxEmailBodyBytes, cancellationToken);
        if (unreadable is not null) return unreadable;
        var rules = new EmailCaptureRules { DefaultRegion = WebhookRequest.Normalise(intake.Value.DefaultRegion) };
        var (outcome, problem) = provider switch
        {
            "sendgrid" => await SendGridAsync(media!, body!, rules, cancellationToken),
            "mailgun" => await MailgunAsync(media!, body!, rules, cancellationToken),
            "postmark" => Postmark(body!, rules),
            _ => (MimeEmailParser.Parse(body, rules), null),
        };
        if (problem is not null) return problem;
        return await capture.AnswerAsync(provider, outcome!, new RawPayload(request.ContentType, body), cancellationToken);
    }

    private static async Task<(LeadParseOutcome?, IResult?)> SendGridAsync(Microsoft.Net.Http.Headers.MediaTypeHeaderValue media, byte[] body, EmailCaptureRules rules, CancellationToken cancellationToken)
    {
        var (fields, files, problem) = await EmailPostReader.ReadMultipartAsync(media, body, cancellationToken);
        if (problem is not null) return (null, problem);
        return (SendGridInboundParser.Parse(fields!, files!.Count > 0 ? files : null, rules), null);
    }

    private async Task<(LeadParseOutcome?, IResult?)> MailgunAsync(Microsoft.Net.Http.Headers.MediaTypeHeaderValue media, byte[] body, EmailCaptureRules rules, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string?>>? fields;
        List<Core.Leads.LeadAttachment>? files = null;
        IResult? problem;
        if (WebhookRequest.Is(media, WebhookRequest.Multipart)) (fields, files, problem) = await EmailPostReader.ReadMultipartAsync(media, body, cancellationToken);
        else (fields, problem) = await WebhookRequest.ReadUrlEncodedAsync(body, cancellationToken);
        if (problem is not null) return (null, problem);
        if (mailgun.Value.SigningKey is { Length: > 0 } key)
        {
            string? Field(string name) => fields!.FirstOrDefault(f => f.Key == name).Value;
            var verdict = MailgunSignature.Verify(key, Field("timestamp"), Field("token"), Field("signature"), time.GetUtcNow(), MailgunSignature.DefaultMaxAge);
            if (verdict != SignatureVerdict.Valid) return (null, WebhookRequest.Unauthorized(logger, MailgunRouteParser.Provider, verdict, verdict == SignatureVerdict.Stale ? "timestamp" : "signature"));
        }
        return (MailgunRouteParser.Parse(fields!, files, rules), null);
    }

    private static (LeadParseOutcome?, IResult?) Postmark(byte[] body, EmailCaptureRules rules)
    {
        var (document, problem) = WebhookRequest.ParseJson(body);
        if (problem is not null) return (null, problem);
        using (document)
        {
            return (PostmarkInboundParser.Parse(document!.RootElement, rules), null);
        }
    }

    private static string[] MediaTypesOf(string provider) => provider switch
    {
        "sendgrid" => [WebhookRequest.Multipart],
        "mailgun" => [WebhookRequest.UrlEncoded, WebhookRequest.Multipart],
        "postmark" => [WebhookRequest.Json],
        _ => [WebhookRequest.Rfc822],
    };
}
