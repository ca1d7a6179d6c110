using System.Text.Json.Nodes;

namespace LeadIntake.Functions.Storage;

/// <summary>The sales directory as stored (a seed document) and the ETag a change must carry; null before the first write.</summary>
internal sealed record StoredDirectory(JsonObject Seed, string? ETag);
