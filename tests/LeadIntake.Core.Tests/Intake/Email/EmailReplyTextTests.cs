using LeadIntake.Core.Intake.Email;

namespace LeadIntake.Core.Tests.Intake.Email;

public sealed class EmailReplyTextTests
{
    [Theory]
    [InlineData("Yes please call me.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Capteo Sales <sales@capteo.example> wrote:\n> Would you like a demo?")]
    [InlineData("Yes please call me.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Capteo Sales <sales@capteo.example>\nwrote:\n> Would you like a demo?")]
    [InlineData("Yes please call me.\n\nLe lun. 5 janv. 2026 à 10:00, Capteo <sales@capteo.example> a écrit :\n> Souhaitez-vous une démo ?")]
    [InlineData("Yes please call me.\n\n-----Original Message-----\nFrom: Capteo\nSent: Monday\nSubject: Demo")]
    [InlineData("Yes please call me.\n\n-----Message d'origine-----\nDe : Capteo\nEnvoyé : lundi 5 janvier 2026")]
    [InlineData("Yes please call me.\n\n________________________________\nDe : Capteo <sales@capteo.example>\nEnvoyé : lundi 5 janvier 2026 10:00\nÀ : Bruno\nObjet : Démo")]
    [InlineData("Yes please call me.\n\nFrom: Capteo <sales@capteo.example>\nSent: Monday, January 5, 2026 10:00 AM\nTo: Bruno\nSubject: Demo")]
    [InlineData("Yes please call me.\n> Would you like a demo?\n> Best, Capteo")]
    public void Reply_is_separated_from_quoted_history(string text)
    {
        var (reply, quoted) = EmailReplyText.Split(text);
        Assert.Equal("Yes please call me.", reply.TrimEnd('\n', '_').Trim());
        Assert.NotNull(quoted);
    }

    [Theory]
    [InlineData("De plus, nous aimerions une démo.\nMerci")]
    [InlineData("From: the plant manager's desk, a question about sensors.")]
    [InlineData("Once you wrote: nothing")]
    public void Ordinary_text_is_not_taken_for_quoted_history(string text)
    {
        var (reply, quoted) = EmailReplyText.Split(text);
        Assert.Equal(text, reply);
        Assert.Null(quoted);
    }

    [Fact]
    public void A_bare_forward_keeps_everything() =>
        Assert.Equal("> only quoted", EmailReplyText.Split("> only quoted").Reply);

    [Theory]
    [InlineData("Hi,\nplease quote.\nKind regards,\nOlivia Grant\nHead of Asset Management\n+44 161 496 0000", "+441614960000", "Head of Asset Management")]
    [InlineData("Bonjour,\nun devis svp.\nCordialement\nMarc Durand\nDirecteur technique | Scierie Durand\n06 11 22 33 44", "+33611223344", "Directeur technique")]
    [InlineData("Hello,\nquote please.\n-- \nSam", null, null)]
    public void Signature_gives_phone_and_job_title(string reply, string? phone, string? title)
    {
        var signature = EmailSignature.Find(reply, null, "FR");
        Assert.Equal(phone, signature.Phone);
        Assert.Equal(title, signature.JobTitle);
    }
}
