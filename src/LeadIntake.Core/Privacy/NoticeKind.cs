namespace LeadIntake.Core.Privacy;

/// <summary>How the person was informed (Art. 13) on the lead's channel.</summary>
public enum NoticeKind
{
    /// <summary>No notice is configured for the channel.</summary>
    None,
    /// <summary>The form showed the notice link (<c>Privacy:NoticeUrl</c>).</summary>
    FormLink,
    /// <summary>The acknowledgement mail carries the notice link.</summary>
    AcknowledgementMail,
    /// <summary>The caller heard the IVR message named by <c>Privacy:CallNotice</c>.</summary>
    CallMessage,
    /// <summary>The provider's lead form shows its own privacy link (social lead ads).</summary>
    ProviderForm,
}
