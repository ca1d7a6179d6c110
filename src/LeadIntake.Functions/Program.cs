using LeadIntake.Functions.Hosting;

// One entry point, two modes. The Functions host starts the published worker with --functions-uri (Functions mode);
// `dotnet run --project src/LeadIntake.Functions`, tests and containers start it without (standalone mode).
if (FunctionsHostDetection.UnderFunctionsHost(args, Environment.GetEnvironmentVariables()))
{
    await LeadIntakeApp.BuildFunctionsWorker(args).RunAsync();
    return 0;
}

AzuriteLauncher? azurite = null;
try
{
    var app = LeadIntakeApp.Build(args, developmentDefaults: true);
    azurite = await AzuriteLauncher.StartIfNeededAsync(app.Configuration, Console.Out, CancellationToken.None);
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
internal partial class Program;
