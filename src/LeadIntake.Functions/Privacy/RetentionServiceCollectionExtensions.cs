using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>The retention run and its dry run (docs/privacy.md, "Retention").</summary>
internal static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => IsSchedule(o.Schedule), "Privacy:Retention:Schedule must be an NCRONTAB schedule with six fields (seconds first), e.g. 0 0 4 * * *.")
            .ValidateOnStart();
        services.AddSingleton<TableRetentionMarks>();
        services.AddScoped<RetentionScan>();
        services.AddScoped<RetentionRun>();
        return services;
    }

    private static bool IsSchedule(string schedule) =>
        NCrontab.CrontabSchedule.TryParse(schedule, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null;
}
