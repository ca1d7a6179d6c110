namespace LeadIntake.Core.Dispatch.Links;

/// <summary>What a genuine lead-page link lets its holder see now.</summary>
public enum LeadPageAccess
{
    /// <summary>The link was signed for the lead's current assignment: the whole lead and the actions valid now.</summary>
    Owner,
    /// <summary>A manager's link (reassignment notice): the whole lead, no rep actions.</summary>
    Observer,
    /// <summary>The lead moved to another rep since the link was signed: only who has it now.</summary>
    Reassigned,
    /// <summary>Signed for an earlier assignment of the same rep (the lead came back to them): the newer mail has the link.</summary>
    Outdated,
}
