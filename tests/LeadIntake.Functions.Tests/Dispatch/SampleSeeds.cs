namespace LeadIntake.Functions.Tests.Dispatch;

/// <summary>Sales directory seeds for the integration tests, with unique addresses per test (maildev is shared).</summary>
public sealed class SampleSeeds
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public string Alice => $"alice-{_tag}@corp.example";
    public string Bob => $"bob-{_tag}@corp.example";
    public string Carol => $"carol-{_tag}@corp.example";
    public string Boss => $"boss-{_tag}@corp.example";

    /// <summary>Team "fr" (Alice, Bob; rule: country FR) and the default team "general" (Carol), both managed by Boss.</summary>
    public string TwoTeams(int acceptWithinMinutes = 5, int reassignAfterMinutes = 15) => $$"""
        {
          "defaultTeam": "general",
          "reps": [
            { "email": "{{Alice}}", "name": "Alice Martin", "languages": ["fr", "en"] },
            { "email": "{{Bob}}", "name": "Bob Durand", "languages": ["fr"] },
            { "email": "{{Carol}}", "name": "Carol Smith" },
            { "email": "{{Boss}}", "name": "The Boss", "languages": ["en"] },
          ],
          "teams": [
            { "id": "fr", "name": "France", "members": ["{{Alice}}", "{{Bob}}"], "manager": "{{Boss}}", "timeZone": "Europe/Paris",
              "sla": { "acceptWithinMinutes": {{acceptWithinMinutes}}, "reassignAfterMinutes": {{reassignAfterMinutes}}, "maxReassignments": 3 } },
            { "id": "general", "members": ["{{Carol}}"], "manager": "{{Boss}}" },
          ],
          "rules": [ { "name": "France", "team": "fr", "territory": { "countries": ["FR"] } } ],
        }
        """;
}
