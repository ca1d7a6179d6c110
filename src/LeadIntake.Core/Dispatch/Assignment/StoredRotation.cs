namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>A team rotation as loaded, with the version its next save must carry; null ETag: not stored yet.</summary>
public sealed record StoredRotation(TeamRotation Rotation, string? ETag);
