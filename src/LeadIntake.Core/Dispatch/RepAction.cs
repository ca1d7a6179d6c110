namespace LeadIntake.Core.Dispatch;

/// <summary>What a signed link in a rep's mail lets them do. Wire names: <c>accept</c>, <c>qualify</c>, <c>disqualify</c>, <c>nurture</c>.</summary>
public enum RepAction
{
    Accept,
    Qualify,
    Disqualify,
    Nurture,
    /// <summary>Later steps, offered on the rep's lead page (not in the first mail).</summary>
    Opportunity,
    Won,
    Lost,
}
