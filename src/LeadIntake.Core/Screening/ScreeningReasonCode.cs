namespace LeadIntake.Core.Screening;

/// <summary>
/// The kind of a screening reason: a stable code stored beside the reason's text (which keeps the scores and matched
/// words for the audit trail). People read the code's short sentence in their language (RepTexts key
/// <c>ScreeningReasonCode_{Code}</c>), never the text. Wire names (snake case) are what is stored: never rename one.
/// </summary>
public enum ScreeningReasonCode
{
    HoneypotFilled,
    CaptchaFailed,
    SubmittedTooFast,
    SubmittedHurried,
    ProviderSpamScore,
    AutoReply,
    DisposableEmail,
    InvalidEmail,
    ImpossiblePhone,
    GibberishMessage,
    GibberishName,
    NameLooksLikeHandle,
    ForeignScript,
    UnservedLanguage,
    Shouting,
    Exclamations,
    SpamVocabulary,
    RepeatedFromContact,
    RepeatedFromClient,
    AllowListed,
    BlockListed,
    OwnSiteLink,
    Links,
    MostlyLinks,
    ReleasedByAdmin,
    NoIntentWords,
    UnsureIntent,
    AutoReplyRecognised,
    CallWithoutMessage,
    CommercialWords,
    ServiceWords,
    HrWords,
    OtherWords,
    ModelVerdict,
    SpamCombination,
    PhoneNumber,
    CompanyInferred,
}
