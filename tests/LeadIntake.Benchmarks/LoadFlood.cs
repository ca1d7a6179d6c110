using System.Globalization;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Who a post comes from. The load generator plays the reverse proxy in front of the app (it connects from loopback):
/// it appends the sender's real address to <c>X-Forwarded-For</c> as a proxy does. A genuine visitor has an address of
/// its own; the bot has one real address and, with <c>--flood-rotate</c>, writes a new forged address on every post in
/// front of it (the header a client sends is kept by the proxy; only the right-most entry is the proxy's own).
/// </summary>
internal static class LoadFlood
{
    public const string BotAddress = "203.0.113.66";

    /// <summary>Genuine lead number <paramref name="index"/>: one visitor per lead, from 10.0.0.0/8.</summary>
    public static string GenuineForwardedFor(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"10.{(index >> 16) & 0xFF}.{(index >> 8) & 0xFF}.{(index & 0xFF) | 1}");

    /// <summary>Bot post number <paramref name="index"/>: the bot's address, behind a forged one that changes every post.</summary>
    public static string BotForwardedFor(int index, bool rotate) =>
        rotate
            ? string.Create(CultureInfo.InvariantCulture, $"198.18.{(index >> 8) & 0xFF}.{index & 0xFF}, {BotAddress}")
            : BotAddress;

    /// <summary>A bot's form post: junk that still parses as a lead (unique email so it is no duplicate).</summary>
    public static Dictionary<string, object> BotForm(string run, int index) => new()
    {
        ["firstName"] = "Best",
        ["lastName"] = "Offer",
        ["email"] = string.Create(CultureInfo.InvariantCulture, $"promo.{run}-{index}@bulk-mailer.example"),
        ["company"] = "SEO Growth Agency",
        ["subject"] = "Rank #1 on Google",
        ["message"] = "We sell high quality backlinks and guaranteed first page ranking. Cheap price, fast delivery, visit our site today for a discount.",
        ["consent"] = true,
        ["page"] = "/en/contact",
        ["elapsedMs"] = 4_000,
    };
}
