using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Reporting;

/// <summary>The answer to a route id that is no usable lead id: 400 when it isn't one, 404 when it is one no lead can have.</summary>
internal static class LeadIdProblems
{
    public static ProblemHttpResult Unusable(string id) =>
        LeadId.HasIdForm(id)
            ? Problems.NotFound("id", "No lead has this id: its time part is past year 9999.")
            : Problems.Field(StatusCodes.Status400BadRequest, "Invalid lead id.", "id", "A lead id is 26 characters of Crockford base32.");
}
