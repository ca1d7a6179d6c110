using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Privacy;
using Microsoft.Extensions.Configuration;

namespace LeadIntake.Functions.Tests.Hosting;

/// <summary>Standalone mode reads a <c>%Name%</c> timer schedule from the setting, as the Functions host does.</summary>
public sealed class TimerScheduleTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_literal_schedule_is_used_as_it_is()
    {
        Assert.Equal("0 0 3 * * *", StandaloneTimerRuntime.ResolveSchedule("0 0 3 * * *", Settings()));
    }

    [Fact]
    public void A_schedule_in_percent_signs_is_read_from_the_setting_it_names()
    {
        var settings = Settings((RetentionOptions.ScheduleSetting, "0 30 5 * * *"));

        Assert.Equal("0 30 5 * * *", StandaloneTimerRuntime.ResolveSchedule("%Privacy:Retention:Schedule%", settings));
    }

    [Fact]
    public void A_schedule_setting_that_is_not_set_stops_with_its_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StandaloneTimerRuntime.ResolveSchedule("%Privacy:Retention:Schedule%", Settings()));

        Assert.Contains("Privacy:Retention:Schedule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_configuration_gives_the_retention_schedule_its_default()
    {
        var configuration = new ConfigurationManager();
        configuration.AddFunctionsSources([]);

        Assert.Equal(RetentionOptions.DefaultSchedule, StandaloneTimerRuntime.ResolveSchedule("%" + RetentionOptions.ScheduleSetting + "%", configuration));
    }
}
