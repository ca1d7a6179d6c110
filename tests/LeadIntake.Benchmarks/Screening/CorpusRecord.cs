using System.Text.Json;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>One line of a labeled corpus (format: shared/samples/README.md): the raw channel fields and the expected triage.</summary>
public sealed record CorpusRecord(string Id, string Channel, string? Lang, string Label, JsonElement Fields)
{
    public static CorpusRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new CorpusRecord(
            root.GetProperty("id").GetString() ?? "",
            root.GetProperty("channel").GetString() ?? "",
            root.TryGetProperty("lang", out var lang) ? lang.GetString() : null,
            root.GetProperty("label").GetString() ?? "",
            root.GetProperty("fields").Clone());
    }

    public static IReadOnlyList<CorpusRecord> ReadAll(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(Parse).ToList();
}
