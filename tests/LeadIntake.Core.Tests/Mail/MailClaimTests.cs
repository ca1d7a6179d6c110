using LeadIntake.Core.Mail;

namespace LeadIntake.Core.Tests.Mailing;

public sealed class MailClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void A_sent_mail_is_never_claimed_again() =>
        Assert.Equal(MailClaimStep.AlreadySent, MailClaim.Decide(MailSendState.Sent, Now.AddDays(-1), Now, Timeout));

    [Fact]
    public void A_pending_row_from_an_older_run_is_claimed() =>
        Assert.Equal(MailClaimStep.Claim, MailClaim.Decide(MailSendState.Pending, null, Now, Timeout));

    [Fact]
    public void A_fresh_claim_of_another_run_is_left_alone() =>
        Assert.Equal(MailClaimStep.InProgress, MailClaim.Decide(MailSendState.Sending, Now.AddSeconds(-119), Now, Timeout));

    [Fact]
    public void A_claim_older_than_the_timeout_is_recovered() =>
        Assert.Equal(MailClaimStep.Recover, MailClaim.Decide(MailSendState.Sending, Now - Timeout, Now, Timeout));

    [Fact]
    public void A_claim_without_a_time_is_recovered() =>
        Assert.Equal(MailClaimStep.Recover, MailClaim.Decide(MailSendState.Sending, null, Now, Timeout));

    [Fact]
    public void The_message_id_depends_on_lead_and_purpose_only() =>
        Assert.Equal("01J.rep-notification/5@leadintake", MailClaim.MessageIdOf("01J", "rep-notification/5"));
}
