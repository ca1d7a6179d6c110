using System.Text.Json.Nodes;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace LeadIntake.Functions.Tests.Hosting;

/// <summary>
/// `dotnet run` on a fresh clone starts with the sample's settings as the lowest layer; what the user exports wins.
/// (launchSettings.json used to set the dev keys, and the CLI applies those over the shell: an exported admin key got 401.)
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DevelopmentDefaultsTests
{
    [Fact]
    public void An_exported_admin_key_wins_over_the_development_defaults()
    {
        var repository = RepositoryRoot.Find()!;
        if (File.Exists(Path.Combine(repository, "local.settings.json"))) return; // a developer's own file replaces the defaults

        var defaults = Build();
        Assert.Equal("dev-admin-key", defaults["Auth:AdminKey"]);
        Assert.Equal(FunctionsConfiguration.DevelopmentUrl, defaults["urls"]);

        Environment.SetEnvironmentVariable("Auth__AdminKey", "exported-admin-key");
        try
        {
            Assert.Equal("exported-admin-key", Build()["Auth:AdminKey"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Auth__AdminKey", null);
        }
    }

    [Fact]
    public void Development_defaults_are_off_unless_asked_for()
    {
        var configuration = new ConfigurationManager();
        configuration.AddFunctionsSources([]);
        Assert.NotEqual(FunctionsConfiguration.DevelopmentUrl, configuration["urls"]);
    }

    [Fact]
    public void Launch_settings_set_no_environment_variables_and_no_url()
    {
        var path = Path.Combine(RepositoryRoot.Find()!, "src", "LeadIntake.Functions", "Properties", "launchSettings.json");
        foreach (var (_, profile) in JsonNode.Parse(File.ReadAllText(path))!["profiles"]!.AsObject())
        {
            Assert.Null(profile!["environmentVariables"]);
            Assert.Null(profile["applicationUrl"]);
        }
    }

    private static ConfigurationManager Build()
    {
        var configuration = new ConfigurationManager();
        configuration.AddFunctionsSources([], developmentDefaults: true);
        return configuration;
    }
}
