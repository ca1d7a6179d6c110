using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening.Model;

/// <summary>What the model reads of a lead: the folded subject and message, the folded names, the sender's email domain and the channel.</summary>
internal readonly record struct ModelInput(Channel Channel, FoldedText Message, FoldedText Names, string? EmailDomain);
