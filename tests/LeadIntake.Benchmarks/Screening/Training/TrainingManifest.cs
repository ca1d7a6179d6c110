using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>
/// tests/corpus/train/manifest.json: the training files (author, persona, records per class) and, separately, the
/// holdout files the model is measured on and never trained or tuned on. Paths are relative to the repository root;
/// a holdout entry may end in <c>*.jsonl</c> to take every file of a folder.
/// </summary>
public sealed record TrainingManifest
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // The manifest is read by people: keep quotes and backticks as typed.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string? Description { get; init; }
    public IReadOnlyList<TrainingFileEntry> Training { get; init; } = [];
    public IReadOnlyList<string> Holdout { get; init; } = [];

    public static TrainingManifest Read(string path) =>
        JsonSerializer.Deserialize<TrainingManifest>(File.ReadAllText(path), JsonOptions)
        ?? throw new FormatException($"{path} is empty.");

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");

    /// <summary>The holdout files that exist, patterns expanded, in ordinal order of their paths.</summary>
    public IReadOnlyList<string> HoldoutPaths(string repoRoot)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in Holdout)
        {
            if (entry.EndsWith("*.jsonl", StringComparison.Ordinal))
            {
                var folder = Path.Combine(repoRoot, Path.GetDirectoryName(entry) ?? "");
                if (!Directory.Exists(folder)) continue;
                foreach (var file in Directory.GetFiles(folder, "*.jsonl")) paths.Add(Path.GetRelativePath(repoRoot, file).Replace('\\', '/'));
            }
            else if (File.Exists(Path.Combine(repoRoot, entry))) paths.Add(entry);
        }
        return paths.ToList();
    }
}

/// <summary>One training file: who wrote it, as whom, and how many records of each class it holds (counted by <c>train</c>).</summary>
public sealed record TrainingFileEntry
{
    public required string Path { get; init; }
    public string? Author { get; init; }
    public string? Persona { get; init; }
    public IReadOnlyDictionary<string, int>? Records { get; init; }
}
