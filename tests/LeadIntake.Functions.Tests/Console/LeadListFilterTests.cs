using LeadIntake.Core.Leads;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Reporting;
using Microsoft.AspNetCore.Http;

namespace LeadIntake.Functions.Tests.Console;

public sealed class LeadListFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static LeadListFilter? Read(string query, out List<Core.Intake.FieldError> errors) =>
        LeadListFilter.TryRead(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), Now, Paris, TimeSpan.FromDays(30), out errors);

    [Fact]
    public void Without_a_period_the_list_covers_the_last_thirty_days()
    {
        var filter = Read("", out var errors)!;
        Assert.Empty(errors);
        Assert.Equal(Now.AddMilliseconds(1), filter.Before);
        Assert.Equal(Now.AddMilliseconds(1) - TimeSpan.FromDays(30), filter.From);
    }

    [Fact]
    public void Dates_are_whole_days_in_the_account_time_zone_with_to_included()
    {
        var filter = Read("from=2026-11-01&to=2026-11-30&status=MQL&channel=email", out var errors)!;
        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(1)), filter.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)), filter.Before);
        Assert.Equal(LeadStatus.Mql, filter.Status);
        Assert.Equal(Channel.Email, filter.Channel);
        Assert.Equal("status=mql&channel=email&from=2026-11-01&to=2026-11-30", filter.ToQuery(Paris));
    }

    [Fact]
    public void A_time_needs_its_offset()
    {
        Assert.Null(Read("from=2026-11-01T10:00:00", out var errors));
        Assert.Equal("from", Assert.Single(errors).Field);
        Assert.NotNull(Read("from=2026-11-01T10:00:00Z", out _));
    }

    [Theory]
    [InlineData("/api/console/leads?status=mql", "/api/console/leads?status=mql")]
    [InlineData("https://evil.example/", "/api/console")]
    [InlineData("//evil.example/api/", "/api/console")]
    [InlineData("/api\\..\\x", "/api/console")]
    [InlineData("/api/console/sign-in?returnUrl=/x", "/api/console")]
    [InlineData(null, "/api/console")]
    public void After_sign_in_only_a_local_cockpit_path_is_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, ConsoleSignIn.SafeReturn(returnUrl));

    [Fact]
    public void App_Service_principal_names_the_user_from_its_name_claim_or_falls_back_to_the_email()
    {
        static string Encode(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));
        var named = EasyAuthHandler.Parse(Encode("""{"auth_typ":"aad","name_typ":"name","claims":[{"typ":"name","val":"Claire"}]}"""), null);
        Assert.Equal("Claire", named!.Identity!.Name);
        var byEmail = EasyAuthHandler.Parse(Encode("""{"auth_typ":"aad","name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","claims":[{"typ":"preferred_username","val":"claire@example.com"}]}"""), null);
        Assert.Equal("claire@example.com", byEmail!.Identity!.Name);
        Assert.Null(EasyAuthHandler.Parse("not base64!", null));
        Assert.Null(EasyAuthHandler.Parse(Encode("""{"claims":[]}"""), null));
    }
}
