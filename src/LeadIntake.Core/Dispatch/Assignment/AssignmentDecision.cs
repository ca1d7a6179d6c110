using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// Who gets the lead, how, and the team rotation to store. When <see cref="RotationChanged"/> is false (account owner,
/// fallback) there is nothing to write to the rotation entity.
/// </summary>
public sealed record AssignmentDecision(
    RepAssignment Assignment,
    SalesTeam Team,
    AssignmentMethod Method,
    TeamRotation Rotation,
    bool RotationChanged,
    SalesRep? Rep);
