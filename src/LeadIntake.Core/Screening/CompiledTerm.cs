namespace LeadIntake.Core.Screening;

/// <summary>
/// One rule term ready to match: its folded words, which of them are stems (written with a trailing <c>*</c>),
/// the group it scores for and the text shown in reasons.
/// </summary>
internal sealed record CompiledTerm(int Index, int Group, string[] Tokens, bool[] IsStem, string Display);
