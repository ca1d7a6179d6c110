using System.Text.Json;

namespace LeadIntake.Functions.Intake.Forms;

/// <summary>
/// Server-side CAPTCHA check (Cloudflare Turnstile or reCAPTCHA siteverify: <c>secret</c> + <c>response</c>, answer
/// <c>{"success": bool}</c>; docs/providers.md, 'Cloudflare Turnstile'). The client address is not sent: it is personal data and optional.
/// </summary>
internal sealed class CaptchaVerifier(HttpClient http, IOptionsMonitor<TurnstileOptions> options)
{
    /// <summary>The widget fields a form posts its token in (Turnstile, then reCAPTCHA).</summary>
    public static IReadOnlyList<string> TokenFields { get; } = ["cf-turnstile-response", "g-recaptcha-response"];

    public bool Enabled => !string.IsNullOrEmpty(options.CurrentValue.Secret);

    public async Task<CaptchaVerdict> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var content = new FormUrlEncodedContent([new("secret", settings.Secret!), new("response", token)]);
            using var response = await http.PostAsync(settings.VerifyUrl, content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return CaptchaVerdict.Unavailable;
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True
                ? CaptchaVerdict.Passed
                : CaptchaVerdict.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return CaptchaVerdict.Unavailable;
        }
    }
}

/// <summary>The verifier's answer; <see cref="Unavailable"/> when it could not be asked (the form is then accepted, unverified).</summary>
internal enum CaptchaVerdict
{
    Passed,
    Failed,
    Unavailable,
}
