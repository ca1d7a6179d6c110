using System.Text.Json;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>One line of a labeled corpus (format: tests/corpus/README.md): the raw channel fields and the expected triage.</summary>
/// <remarks>Unknown fields are ignored; <c>source</c>, when present, groups records in screen-eval's breakdown.</remarks>
public sealed record CorpusRecord(string Id, string Channel, string? Lang, string Label, JsonElement Fields)
{
    public string? Source { get; init; }

    public static CorpusRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new CorpusRecord(
            root.GetProperty("id").GetString() ?? "",
            root.GetProperty("channel").GetString() ?? "",
            root.TryGetProperty("lang", out var lang) ? lang.GetString() : null,
            root.GetProperty("label").GetString() ?? "",
            root.GetProperty("fields").Clone())
        {
            Source = root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String ? source.GetString() : null,
        };
    }

    public static IReadOnlyList<CorpusRecord> ReadAll(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(Parse).ToList();
}
