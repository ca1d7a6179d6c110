namespace LeadIntake.Core.Screening;

/// <summary>Where one word sits in a <see cref="FoldedText"/>.</summary>
internal readonly record struct WordSpan(int Start, int Length);
