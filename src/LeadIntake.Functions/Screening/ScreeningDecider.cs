using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// The screening decision the handler asks for: <see cref="LeadScreener.Screen"/> in the app. A seam, so integration
/// tests can hold a lead for review (or force any outcome) through the real pipeline without changing the screener.
/// </summary>
internal delegate ScreeningOutcome ScreeningDecider(Lead lead, ScreeningContext context, DateTimeOffset now);
