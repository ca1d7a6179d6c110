namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// One rep's place in a team's rotation. <see cref="Pass"/> is the rep's virtual finish time (stride scheduling):
/// the rep with the lowest pass is next, and each lead moves it forward by <c>Scale / weight</c>.
/// </summary>
/// <param name="Pass">Virtual time of the rep's next turn.</param>
/// <param name="Assigned">Round-robin leads this rep got from this team, ever (never reset, for audits and tests).</param>
/// <param name="Day">The day (team time zone) <paramref name="DayCount"/> counts.</param>
/// <param name="DayCount">Round-robin leads on <paramref name="Day"/>, for the daily capacity.</param>
/// <param name="LastPointer">The rotation pointer of the rep's last lead (breaks ties: longest wait first).</param>
public sealed record RepRotationState(long Pass, long Assigned, DateOnly Day, int DayCount, long LastPointer)
{
    public int CountOn(DateOnly day) => Day == day ? DayCount : 0;
}
