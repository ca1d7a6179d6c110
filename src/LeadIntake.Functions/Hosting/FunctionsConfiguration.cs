using Microsoft.Extensions.Configuration;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Reads configuration the way the Functions host and Core Tools do: <c>host.json</c> (overridable through
/// <c>AzureFunctionsJobHost__*</c>), then <c>local.settings.json</c> <c>Values</c> with <c>__</c> as the section
/// separator, then environment variables, then the command line. Later sources win.
/// </summary>
internal static class FunctionsConfiguration
{
    public const string HostJsonPrefix = "AzureFunctionsJobHost";

    /// <summary>Where <c>dotnet run</c> listens unless <c>ASPNETCORE_URLS</c> or <c>--urls</c> says otherwise.</summary>
    public const string DevelopmentUrl = "http://127.0.0.1:7071";

    public const string SampleFileName = "local.settings.sample.json";

    /// <param name="developmentDefaults">
    /// <c>dotnet run</c> on a clone: when there is no local.settings.json, the sample's <c>Values</c> and
    /// <see cref="DevelopmentUrl"/> are the lowest layer, so that the app starts as it is and every setting the user
    /// exports (or writes in local.settings.json) wins. launchSettings.json holds no settings: the CLI would apply
    /// them over the user's shell.
    /// </param>
    public static void AddFunctionsSources(this ConfigurationManager configuration, string[] args, bool developmentDefaults = false)
    {
        // Defaults of settings a binding expression names (a timer's %schedule%), under every source added below.
        configuration.AddInMemoryCollection([new(Privacy.RetentionOptions.ScheduleSetting, Privacy.RetentionOptions.DefaultSchedule)]);
        var localSettings = LocalSettingsPath();
        if (developmentDefaults && localSettings is null && RepositoryRoot.Find() is { } repository && File.Exists(Path.Combine(repository, SampleFileName)))
        {
            configuration.AddInMemoryCollection([new("urls", DevelopmentUrl), .. ReadLocalSettings(Path.Combine(repository, SampleFileName))]);
        }

        var hostJson = new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }
            .Select(d => Path.Combine(d, "host.json"))
            .FirstOrDefault(File.Exists);
        if (hostJson is not null)
        {
            var host = new ConfigurationBuilder().AddJsonFile(hostJson, optional: false).Build();
            configuration.AddInMemoryCollection(host.AsEnumerable()
                .Where(p => p.Value is not null)
                .Select(p => new KeyValuePair<string, string?>($"{HostJsonPrefix}:{p.Key}", p.Value)));
        }

        if (localSettings is not null) configuration.AddInMemoryCollection(ReadLocalSettings(localSettings));

        // Re-added so that they win over the files above, as in the Functions host (ASPNETCORE_URLS over the default URL).
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }

    /// <summary>
    /// The <c>Values</c> of a local.settings.json file as configuration keys (<c>__</c> → <c>:</c>). An empty value
    /// means "not set" (the sample lists every setting, most of them empty), so the app's default applies instead of
    /// an empty string that a URL or e-mail check would refuse.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> ReadLocalSettings(string path)
    {
        var local = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build();
        return local.GetSection("Values").GetChildren()
            .Where(c => !string.IsNullOrEmpty(c.Value))
            .Select(c => new KeyValuePair<string, string?>(c.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), c.Value))
            .ToList();
    }

    private static string? LocalSettingsPath()
    {
        var candidates = new List<string> { Directory.GetCurrentDirectory() };
        if (RepositoryRoot.Find() is { } root) candidates.Add(root);
        return candidates.Select(d => Path.Combine(d, "local.settings.json")).FirstOrDefault(File.Exists);
    }
}
