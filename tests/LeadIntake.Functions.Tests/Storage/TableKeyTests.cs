using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Tests.Storage;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("generic")]
    [InlineData("sendgrid")]
    [InlineData("rep-1@corp.example")]
    [InlineData("Équipe Île-de-France")]
    public void Text_without_forbidden_characters_is_its_own_key(string value) => Assert.Equal(value, TableKey.Encode(value));

    [Theory]
    [InlineData("pbx#1", "pbx%231")]
    [InlineData("a/b\\c?d", "a%2Fb%5Cc%3Fd")]
    [InlineData("100%", "100%25")]
    [InlineData("x\u0000\u001F\u007F\u0085\u009Fy", "x%00%1F%7F%85%9Fy")]
    public void Forbidden_characters_and_the_escape_character_are_escaped(string value, string key)
    {
        Assert.Equal(key, TableKey.Encode(value));
        Assert.True(TableKey.IsValidAsIs(key));
    }

    [Theory]
    [InlineData("pbx#1")]
    [InlineData("%23 is not #")]
    [InlineData("a%b%%c%")]
    [InlineData("\u0001/\\#?%\u009F")]
    [InlineData("plain")]
    public void Decoding_an_encoded_key_gives_the_value_back(string value) => Assert.Equal(value, TableKey.Decode(TableKey.Encode(value)));

    [Fact]
    public void Two_different_values_never_share_a_key() =>
        Assert.NotEqual(TableKey.Encode("pbx#1"), TableKey.Encode("pbx%231"));
}
