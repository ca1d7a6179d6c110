using System.Net.Mail;
using System.Text.Json;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// <c>POST /api/privacy/erasure</c> (admin) with <c>{"email": …}</c> and/or <c>{"phone": …}</c>, optionally
/// <c>"requestedBy"</c> (a category or a ticket number, never an address): <c>202 {"requestId","status"}</c>. The same
/// answer whether or not the person is known (no oracle); the request runs on the <c>privacy-erasure</c> queue.
/// </summary>
internal sealed class RequestErasure(ErasureRequests erasures, IOptionsMonitor<ScreeningOptions> screening)
{
    private const int MaxBodyBytes = 4096;
    private const int MaxRequestedBy = 100;

    [Function(nameof(RequestErasure))]
    public Task<Results<Accepted<ErasureAccepted>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "privacy/erasure")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, cancellationToken);

    internal sealed record ErasureAccepted(string RequestId, string Status);

    private async Task<Results<Accepted<ErasureAccepted>, ProblemHttpResult>> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!WebhookRequest.Is(WebhookRequest.MediaTypeOf(request), WebhookRequest.Json))
        {
            return Problems.UnsupportedMediaType(request.ContentType, WebhookRequest.Json);
        }
        if (!(await RequestBody.ReadUtf8Async(request, MaxBodyBytes, cancellationToken)).TryValue(out var body, out var unreadable)) return unreadable;
        string? email, phone, requestedBy;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Problems.Malformed("body", "The body must be a JSON object.");
            var errors = new List<FieldError>();
            email = Text(document.RootElement, "email", errors);
            phone = Text(document.RootElement, "phone", errors);
            requestedBy = Text(document.RootElement, "requestedBy", errors);
            if (errors.Count > 0) return Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The erasure request is invalid.", errors);
        }
        catch (JsonException)
        {
            return Problems.Malformed("body", "The body is not valid JSON.");
        }

        var (address, e164, problems) = Validate(email, phone, requestedBy, screening.CurrentValue.DefaultPhoneRegion);
        if (problems.Count > 0) return Problems.Fields(StatusCodes.Status422UnprocessableEntity, "The erasure request is invalid.", problems);
        var accepted = await erasures.AcceptAsync(address, e164, requestedBy ?? "data-subject", "admin-key", cancellationToken);
        return TypedResults.Accepted($"/api/privacy/erasure/{accepted.Id}", new ErasureAccepted(accepted.Id, WireNames.Of(accepted.Status)));
    }

    /// <summary>The normalised email and E.164 phone, or the fields at fault.</summary>
    internal static (string? Email, string? E164, List<FieldError> Errors) Validate(string? email, string? phone, string? requestedBy, string? region)
    {
        var errors = new List<FieldError>();
        string? address = null, e164 = null;
        if (email is null && phone is null) errors.Add(new FieldError("email", "Give the email and/or the phone of the person to erase."));
        if (email is not null)
        {
            address = email.Trim();
            if (!MailAddress.TryCreate(address, out var parsed) || !string.Equals(parsed.Address, address, StringComparison.Ordinal) || !address.Contains('.', StringComparison.Ordinal))
            {
                errors.Add(new FieldError("email", "Not a whole email address (name@domain.tld)."));
            }
        }
        if (phone is not null && (e164 = PhoneNormaliser.ToE164(phone, region)) is null)
        {
            errors.Add(new FieldError("phone", "Not a phone number (international +33… or national with the default region)."));
        }
        if (requestedBy is not null && (requestedBy.Contains('@', StringComparison.Ordinal) || requestedBy.Length > MaxRequestedBy || requestedBy.Any(char.IsControl)))
        {
            errors.Add(new FieldError("requestedBy", $"A category or a reference of at most {MaxRequestedBy} characters (data-subject, ticket-1234), never an address."));
        }
        return (address, e164, errors);
    }

    private static string? Text(JsonElement root, string name, List<FieldError> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) errors.Add(new FieldError(name, "Must be a string."));
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
    }

}
