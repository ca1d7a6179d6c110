using LeadIntake.Core.Intake;

namespace LeadIntake.Core.Tests.Intake;

public sealed class FormRedirectTests
{
    private static readonly string[] Allowed = ["https://www.example.com", "https://shop.example.com/"];

    [Theory]
    [InlineData("https://shop.example.com/merci?x=1", "https://shop.example.com/merci?x=1")]
    [InlineData("https://SHOP.example.com/a", "https://shop.example.com/a")]
    [InlineData("https://evil.example/phish", "https://www.example.com/thanks")]
    [InlineData("https://shop.example.com@evil.example/", "https://www.example.com/thanks")]
    [InlineData("http://shop.example.com/downgrade", "https://www.example.com/thanks")]
    [InlineData("https://shop.example.com:8443/port", "https://www.example.com/thanks")]
    [InlineData("//evil.example/relative", "https://www.example.com/thanks")]
    [InlineData("javascript:alert(1)", "https://www.example.com/thanks")]
    [InlineData(null, "https://www.example.com/thanks")]
    public void Redirect_is_honoured_only_to_an_allowed_origin(string? requested, string expected) =>
        Assert.Equal(expected, FormRedirect.Decide(requested, "https://www.example.com/thanks", Allowed));

    [Fact]
    public void Without_a_thank_you_page_a_refused_redirect_goes_nowhere() =>
        Assert.Null(FormRedirect.Decide("https://evil.example/", null, Allowed));
}
