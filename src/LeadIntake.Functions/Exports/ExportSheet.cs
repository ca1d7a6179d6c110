namespace LeadIntake.Functions.Exports;

/// <summary>One table of an export: an XLSX sheet, or the whole of a CSV file.</summary>
internal sealed record ExportSheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);
