namespace LeadIntake.Core.Dispatch;

/// <summary>What a signed link in a rep's mail lets them do. Wire names: <c>accept</c>, <c>qualify</c>, <c>disqualify</c>, <c>nurture</c>.</summary>
public enum RepAction
{
    Accept,
    Qualify,
    Disqualify,
    Nurture,
}
