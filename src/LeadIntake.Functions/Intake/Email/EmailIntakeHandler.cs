using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Email;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake.Email;

/// <summary>
/// Inbound email from SendGrid Inbound Parse, Mailgun routes, Postmark inbound or a raw RFC 5322 message: check the
/// provider's credential when one is configured, parse with the provider's Core parser, capture.
/// </summary>
internal sealed class EmailIntakeHandler(
    WebhookLeadCapture capture,
    IOptionsSnapshot<IntakeOptions> intake,
    IOptionsSnapshot<MailgunOptions> mailgun,
    IOptionsSnapshot<PostmarkOptions> postmark,
    IIntakeKeys intakeKeys,
    PipelineBacklog backlog,
    TimeProvider time,
    ILogger<EmailIntakeHandler> logger)
{
    public static IReadOnlyList<string> Providers { get; } = [SendGridInboundParser.Provider, MailgunRouteParser.Provider, PostmarkInboundParser.Provider, MimeEmailParser.Provider];

    public async Task<IntakeAnswer> HandleAsync(string provider, HttpRequest request, CancellationToken cancellationToken)
    {
        provider = provider.ToLowerInvariant();
        if (!Providers.Contains(provider)) return WebhookRequest.UnknownProvider(provider, Providers);
        // Before the body is read: under overload the provider's retry is cheaper than storing now.
        if (await backlog.ShouldTurnAwayAsync(provider)) return backlog.TurnAway();
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

        if (!(await WebhookRequest.ReadAsync(request, intake.Value.MaxEmailBodyBytes, cancellationToken)).TryValue(out var body, out var unreadable)) return unreadable;
        var rules = new EmailCaptureRules { DefaultRegion = WebhookRequest.Normalise(intake.Value.DefaultRegion) };
        var read = provider switch
        {
            "sendgrid" => await SendGridAsync(media!, body, rules, cancellationToken),
            "mailgun" => await MailgunAsync(media!, body, rules, cancellationToken),
            "postmark" => Postmark(body, rules),
            _ => new ReadOutcome<ParseOutcome<CapturedLead>>.Read(MimeEmailParser.Parse(body, rules)),
        };
        if (!read.TryValue(out var outcome, out var problem)) return problem;
        return await capture.AnswerAsync(provider, outcome, new RawPayload(request.ContentType, body), cancellationToken);
    }

    private static async Task<ReadOutcome<ParseOutcome<CapturedLead>>> SendGridAsync(Microsoft.Net.Http.Headers.MediaTypeHeaderValue media, byte[] body, EmailCaptureRules rules, CancellationToken cancellationToken)
    {
        if (!(await EmailPostReader.ReadMultipartAsync(media, body, cancellationToken)).TryValue(out var post, out var problem)) return problem;
        return SendGridInboundParser.Parse(post.Fields, post.Files.Count > 0 ? post.Files : null, rules);
    }

    private async Task<ReadOutcome<ParseOutcome<CapturedLead>>> MailgunAsync(Microsoft.Net.Http.Headers.MediaTypeHeaderValue media, byte[] body, EmailCaptureRules rules, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string?>> fields;
        List<Core.Leads.LeadAttachment>? files = null;
        if (WebhookRequest.Is(media, WebhookRequest.Multipart))
        {
            if (!(await EmailPostReader.ReadMultipartAsync(media, body, cancellationToken)).TryValue(out var post, out var problem)) return problem;
            (fields, files) = post;
        }
        else
        {
            if (!(await WebhookRequest.ReadUrlEncodedAsync(body, cancellationToken)).TryValue(out var pairs, out var problem)) return problem;
            fields = pairs;
        }
        if (mailgun.Value.SigningKey is not { Length: > 0 } key) return MailgunRouteParser.Parse(fields, files, rules);

        string? Field(string name) => fields.FirstOrDefault(f => f.Key == name).Value;
        var (timestamp, token) = (Field("timestamp"), Field("token"));
        var verdict = MailgunSignature.Verify(key, timestamp, token, Field("signature"), time.GetUtcNow(), MailgunSignature.DefaultMaxAge);
        if (verdict != SignatureVerdict.Valid) return WebhookRequest.Unauthorized(logger, MailgunRouteParser.Provider, verdict, verdict == SignatureVerdict.Stale ? "timestamp" : "signature");
        var outcome = MailgunRouteParser.Parse(fields, files, rules);
        // A token is good for one delivery. The delivery is the parsed event (Message-Id, else the token itself), so
        // Mailgun's retry of the same mail is "the same delivery" and idempotency answers 200 with the same id, while
        // the token lifted onto another mail is refused. A delivery that is no lead can't be confused with one that is.
        var delivery = outcome is ParseOutcome<CapturedLead>.Parsed { Value.ProviderEventId: { } eventId } ? "event:" + eventId : "other:" + token;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp!, System.Globalization.CultureInfo.InvariantCulture)) + MailgunSignature.DefaultMaxAge;
        var use = await intakeKeys.RecordSignatureAsync(MailgunRouteParser.Provider, timestamp + ":" + token, delivery, expiresAt, cancellationToken).ConfigureAwait(false);
        if (use == SignatureUse.Replayed) return WebhookRequest.Unauthorized(logger, MailgunRouteParser.Provider, SignatureVerdict.Replayed, "token");
        return outcome;
    }

    private static ReadOutcome<ParseOutcome<CapturedLead>> Postmark(byte[] body, EmailCaptureRules rules)
    {
        if (!WebhookRequest.ParseJson(body).TryValue(out var document, out var problem)) return problem;
        using (document)
        {
            return PostmarkInboundParser.Parse(document.RootElement, rules);
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
