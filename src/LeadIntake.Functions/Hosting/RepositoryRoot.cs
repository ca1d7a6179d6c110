namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Finds the source checkout the app runs from (the folder with <c>LeadIntake.sln</c> and <c>package.json</c>), for
/// development conveniences only: <c>local.settings.json</c> and the repo-pinned Azurite. A published app has none.
/// </summary>
internal static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LeadIntake.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}
