using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Intake;

/// <summary>The answers of every intake endpoint: 202 for a new lead, 200 with the same id for a repeated delivery.</summary>
public static class IntakeResponses
{
    public static IResult Captured(CaptureResult result)
    {
        var body = new { id = result.Id.Value, status = WireNames.Of(result.Status), duplicate = result.Duplicate };
        var location = $"/api/leads/{result.Id.Value}";
        return result.Duplicate
            ? TypedResults.Json(body, statusCode: StatusCodes.Status200OK)
            : TypedResults.Accepted(location, body);
    }
}
