using System.Globalization;
using LeadIntake.Core.Intake;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Reporting;

/// <summary>The lead list's query string read once for the JSON, the page and the exports: the filter, the search key, or the errors.</summary>
internal sealed record LeadListRequest(LeadListFilter? Filter, string? ContactKey, int PageSize, IReadOnlyList<FieldError> Errors)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static LeadListRequest Read(HttpContext http)
    {
        var services = http.RequestServices;
        var console = services.GetRequiredService<IOptionsMonitor<ConsoleOptions>>().CurrentValue;
        var region = services.GetRequiredService<IOptionsMonitor<ScreeningOptions>>().CurrentValue.DefaultPhoneRegion;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var filter = LeadListFilter.TryRead(http.Request.Query, now, console.Zone(), console.DefaultPeriod, out var errors);
        string? key = null;
        if (filter?.Q is { } q && (key = TableLeadQueries.ContactKeyFor(q, region)) is null)
        {
            errors.Add(new FieldError("q", "Search by a whole email address or a phone number."));
        }
        int size = DefaultPageSize;
        if (http.Request.Query["pageSize"].FirstOrDefault() is { Length: > 0 } text &&
            (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            errors.Add(new FieldError("pageSize", $"A whole number from 1 to {MaxPageSize}."));
        }
        return new LeadListRequest(errors.Count == 0 ? filter : null, key, size, errors);
    }
}
