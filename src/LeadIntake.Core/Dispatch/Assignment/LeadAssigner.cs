using System.Globalization;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// Chooses the rep for a lead, explainably. Two steps because the rotation to load depends on the team:
/// <see cref="Route"/> picks the team from the ordered rules, then <see cref="Assign"/> picks the rep with that team's
/// <see cref="TeamRotation"/> and returns the updated rotation. Pure: no clock, no storage. docs/dispatch.md has the
/// algorithms.
/// </summary>
public static class LeadAssigner
{
    public static TeamRoute Route(Lead lead, SalesDirectory directory, IReadOnlyList<AssignmentRule> rules)
    {
        var facts = LeadFacts.Of(lead);
        foreach (var rule in rules)
        {
            // A rule naming a team that no longer exists is skipped rather than failing dispatch: the seed parser
            // rejects such rules, so this only happens when the directory changed under stored rules.
            if (directory.FindTeam(rule.TeamId) is not { } team || !rule.Matches(facts)) continue;
            return new TeamRoute(team, rule.Name, $"rule {rule.Name} → team {team.Name}");
        }
        var fallback = directory.DefaultTeam;
        return new TeamRoute(fallback, null, $"no rule matched → team {fallback.Name}");
    }

    /// <param name="excludingReps">Reps who must not get the lead (reassignment: the current and previous owners).</param>
    public static AssignmentDecision Assign(
        Lead lead,
        SalesDirectory directory,
        TeamRoute route,
        TeamRotation rotation,
        AccountOwner? owner,
        DateTimeOffset now,
        IReadOnlyCollection<string>? excludingReps = null)
    {
        var team = route.Team;
        if (!string.Equals(rotation.TeamId, team.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The rotation of team '{rotation.TeamId}' was passed for team '{team.Id}'.", nameof(rotation));
        }
        var excluded = new HashSet<string>(excludingReps ?? [], StringComparer.OrdinalIgnoreCase);
        var notes = new List<string>();

        if (owner is not null)
        {
            var ownerRep = directory.FindRep(owner.RepEmail);
            var skip = ownerRep is null ? "not in the directory"
                : excluded.Contains(ownerRep.Email) ? "already had this lead"
                : Unavailable(ownerRep, now);
            if (skip is null)
            {
                var matched = owner.MatchedOn == AccountMatch.CompanyDomain ? "company domain" : "contact";
                // Account-owner leads stay outside the rotation: the rep owns the account, so they neither use a
                // round-robin turn nor count against the daily capacity (which limits round-robin leads only).
                var reason = $"account owner ({matched}) → {ownerRep!.Name}";
                return new AssignmentDecision(
                    new RepAssignment(ownerRep.Email, ownerRep.Name, reason, now), team, AssignmentMethod.AccountOwner, rotation, false, ownerRep);
            }
            notes.Add($"account owner {ownerRep?.Name ?? "(unknown)"} skipped: {skip}");
        }

        var facts = LeadFacts.Of(lead);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, team.TimeZone).DateTime);
        var skipped = new List<string>();
        (SalesRep Rep, long Pass, long LastPointer, int Order)? best = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int order = 0; order < team.Members.Count; order++)
        {
            var email = team.Members[order];
            if (!seen.Add(email)) continue;
            var rep = directory.FindRep(email);
            if (rep is null) continue; // a stale member entry: nothing to explain to a rep reading the line
            var state = rotation.For(rep.Email);
            var skip = excluded.Contains(rep.Email) ? "already had this lead"
                : Unavailable(rep, now)
                ?? Unqualified(rep, facts)
                ?? (rep.DailyCapacity is { } cap && (state?.CountOn(today) ?? 0) >= cap
                    ? $"at daily capacity ({cap.ToString(CultureInfo.InvariantCulture)})" : null);
            if (skip is not null)
            {
                skipped.Add($"{rep.Name} skipped: {skip}");
                continue;
            }
            // Time away earns no credit: a pass behind the team's virtual time is read as the virtual time, so a
            // rep back from vacation (or newly added) competes from "now", not from where they left (no flood).
            long pass = Math.Max(state?.Pass ?? rotation.VirtualTime, rotation.VirtualTime);
            long lastPointer = state?.LastPointer ?? -1;
            if (best is null || pass < best.Value.Pass || (pass == best.Value.Pass && lastPointer < best.Value.LastPointer))
            {
                best = (rep, pass, lastPointer, order);
            }
        }

        notes.Add("weighted round robin");
        if (best is not { } chosen)
        {
            notes.AddRange(skipped);
            var fallbackRep = directory.FindRep(team.FallbackOwner);
            var fallbackName = fallbackRep?.Name ?? team.FallbackOwner;
            var reason = $"{route.Explanation} → {string.Join(", ", notes)} → no eligible rep → fallback owner {fallbackName}";
            return new AssignmentDecision(
                new RepAssignment(team.FallbackOwner, fallbackRep?.Name, reason, now), team, AssignmentMethod.FallbackOwner, rotation, false, fallbackRep);
        }

        long pointer = rotation.Pointer + 1;
        var previous = rotation.For(chosen.Rep.Email);
        var updated = new RepRotationState(
            Pass: chosen.Pass + TeamRotation.Scale / Math.Max(1, chosen.Rep.Weight),
            Assigned: (previous?.Assigned ?? 0) + 1,
            Day: today,
            DayCount: (previous?.CountOn(today) ?? 0) + 1,
            LastPointer: pointer);
        var next = rotation with
        {
            Pointer = pointer,
            VirtualTime = chosen.Pass,
            Reps = rotation.Reps.SetItem(chosen.Rep.Email, updated),
        };
        notes[^1] = $"weighted round robin, pointer {pointer.ToString(CultureInfo.InvariantCulture)}";
        notes.AddRange(skipped);
        var line = $"{route.Explanation} → {string.Join(", ", notes)} → {chosen.Rep.Name}";
        return new AssignmentDecision(
            new RepAssignment(chosen.Rep.Email, chosen.Rep.Name, line, now), team, AssignmentMethod.RoundRobin, next, true, chosen.Rep);
    }

    /// <summary>
    /// The SLA's "next eligible rep": the lead's team again, without its current and previous owners, and without the
    /// account owner shortcut (the owner is who didn't answer, or was never the one).
    /// </summary>
    public static AssignmentDecision Reassign(Lead lead, SalesDirectory directory, TeamRotation rotation, DateTimeOffset now)
    {
        var team = directory.FindTeam(lead.AssignedTeam) ?? directory.DefaultTeam;
        var excluded = new List<string>(lead.PreviousAssignees);
        if (lead.Assignment is { } current) excluded.Add(current.RepEmail);
        var route = new TeamRoute(team, null, $"SLA reassignment in team {team.Name}");
        return Assign(lead, directory, route, rotation, owner: null, now, excluded);
    }

    /// <summary>
    /// Whether the SLA could move the lead on: someone other than <paramref name="decision"/>'s rep would get it from a
    /// reassignment now. When not, a deadline would be a false promise.
    /// </summary>
    public static bool HasAlternative(Lead lead, AssignmentDecision decision, SalesDirectory directory, DateTimeOffset now) =>
        CanMoveOn(lead with { Assignment = decision.Assignment, AssignedTeam = decision.Team.Id }, directory, decision.Rotation, now);

    /// <summary>Whether a reassignment now would give the assigned lead to someone else (rotation of the lead's team).</summary>
    public static bool CanMoveOn(Lead lead, SalesDirectory directory, TeamRotation rotation, DateTimeOffset now) =>
        lead.Assignment is { } current &&
        !string.Equals(Reassign(lead, directory, rotation, now).Assignment.RepEmail, current.RepEmail, StringComparison.OrdinalIgnoreCase);

    private static string? Unavailable(SalesRep rep, DateTimeOffset now) =>
        !rep.Active ? "inactive"
        : rep.IsOutOfOffice(now) ? "out of office"
        : null;

    // Reps are matched leniently: a fact the lead doesn't give never excludes a rep.
    private static string? Unqualified(SalesRep rep, LeadFacts facts)
    {
        if (rep.Languages.Count > 0 && facts.Language is { } language && !rep.Languages.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            return $"doesn't speak {language}";
        }
        if (!rep.Territory.Contains(facts, unknownMatches: true)) return "outside territory";
        if (!SegmentMatch.Allows(rep.Segments, facts.Segments, unknownMatches: true)) return "segment not covered";
        return null;
    }
}
