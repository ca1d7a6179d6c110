using LeadIntake.Functions.Hosting;

// Entry point for both modes: `dotnet run --project src/LeadIntake.Functions` (standalone) or the Functions host
// starting the published executable with FUNCTIONS_CUSTOMHANDLER_PORT set.
if (args.Length == 2 && args[0] == FunctionMetadataWriter.Verb)
{
    // Packaging: write function.json folders and host.json from the declarations (infra/package.sh).
    var hostJson = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "host.json"));
    FunctionMetadataWriter.Write(args[1], hostJson, executablePath: "app/LeadIntake.Functions");
    return 0;
}

var app = LeadIntakeApp.Build(args);
AzuriteLauncher? azurite = null;
try
{
    if (string.IsNullOrEmpty(app.Configuration[LeadIntakeApp.CustomHandlerPortVariable]))
    {
        azurite = await AzuriteLauncher.StartIfNeededAsync(app.Configuration, Console.Out, CancellationToken.None);
    }
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"LeadIntake can't start: invalid setting. {string.Join(" ", e.Failures)}");
    return 2;
}
catch (InvalidOperationException e) when (e.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Azurite", StringComparison.Ordinal))
{
    await Console.Error.WriteLineAsync($"LeadIntake can't start: {e.Message}");
    return 2;
}
finally
{
    azurite?.Dispose();
}

/// <summary>Visible to tests and tools that start the app in-process.</summary>
public partial class Program;
