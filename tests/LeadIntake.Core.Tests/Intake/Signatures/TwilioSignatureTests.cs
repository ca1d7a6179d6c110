using System.Text;
using LeadIntake.Core.Intake.Signatures;

namespace LeadIntake.Core.Tests.Intake.Signatures;

// Official vectors: twilio-csharp RequestValidatorTest.cs @709f8b86, twilio-node validation.spec.js @005ea9cd,
// twilio-python test_request_validator.py @30368b08 (docs/providers.md, 'Twilio: signature').
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string JsonBody = "{\"property\": \"value\", \"boolean\": true}";
    private const string JsonBodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    private static readonly KeyValuePair<string, string?>[] Std5 =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675309"),
        new("Digits", "1234"),
        new("To", "+18005551212"),
        new("Caller", "+14158675309"),
    ];

    [Theory]
    [InlineData("T1", Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("T3 (:443 added)", Url, "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("T4 (:80 added)", "http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("T5 (port removed)", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("T6", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("T7", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    [InlineData("T8 (host case kept)", "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("T9", "https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    [InlineData("T10", "http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    [InlineData("T11 (userinfo kept)", "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    [InlineData("T12 (scheme case kept)", "HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "hy/l8pca+LFms4cvRdv8uiP6NGc=")]
    [InlineData("T13", "http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2", "SkTSKyDJH9kUlhItI0slbgZ1UsI=")]
    [InlineData("T15", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10=")]
    [InlineData("T16", "https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs=")]
    [InlineData("T17 (userinfo and :443)", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=")]
    [InlineData("T18 (literal quote)", "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing", "dsq4Ehbj6cs+KdTkpF5sSSplOWw=")]
    public void Twilio_signature_matches_official_vector(string vector, string url, string signature)
    {
        Assert.True(TwilioSignature.VerifyForm(Token, url, Std5, signature) == SignatureVerdict.Valid, vector);
    }

    [Theory]
    [InlineData(Url, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData(Url, "not base64 at all!")]
    public void Twilio_signature_rejects_official_negative_vectors(string url, string signature)
    {
        Assert.Equal(SignatureVerdict.Mismatch, TwilioSignature.VerifyForm(Token, url, Std5, signature));
    }

    [Fact]
    public void Twilio_signature_without_header_is_missing()
    {
        Assert.Equal(SignatureVerdict.Missing, TwilioSignature.VerifyForm(Token, Url, Std5, null));
        Assert.Equal(SignatureVerdict.Missing, TwilioSignature.VerifyForm(Token, Url, Std5, ""));
    }

    [Fact]
    public void Twilio_signature_sorts_the_values_of_a_repeated_parameter_in_either_order()
    {
        // Vector T19 (twilio-node).
        KeyValuePair<string, string?>[] a = [new("MessagingBinding.Address", "+1325xxxxxxx"), new("MessagingBinding.Address", "+1415xxxxxxx")];
        KeyValuePair<string, string?>[] b = [new("MessagingBinding.Address", "+1415xxxxxxx"), new("MessagingBinding.Address", "+1325xxxxxxx")];
        Assert.Equal(SignatureVerdict.Valid, TwilioSignature.VerifyForm(Token, Url, a, "83O6e2vORAoJHUNzJjDWN1jz+BA="));
        Assert.Equal(SignatureVerdict.Valid, TwilioSignature.VerifyForm(Token, Url, b, "83O6e2vORAoJHUNzJjDWN1jz+BA="));
    }

    [Fact]
    public void Twilio_signature_appends_repeated_values_separately_not_comma_joined()
    {
        // Vector T20: Node de-duplicates [5678,1234,1234]; Python signs [5678,1234]. twilio-csharp's comma join
        // (Digits5678,1234) gives YLMqXag434cTVesiMDG5hUT7Fq8= and must not be what we compute.
        KeyValuePair<string, string?>[] node = [new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"), new("Digits", "1234")];
        KeyValuePair<string, string?>[] python = [new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234")];
        Assert.Equal(SignatureVerdict.Valid, TwilioSignature.VerifyForm(Token, Url, node, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
        Assert.Equal(SignatureVerdict.Valid, TwilioSignature.VerifyForm(Token, Url, python, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
        Assert.Equal(SignatureVerdict.Mismatch, TwilioSignature.VerifyForm(Token, Url, python, "YLMqXag434cTVesiMDG5hUT7Fq8="));
    }

    [Theory]
    [InlineData("T21", Url + "&bodySHA256=" + JsonBodyHash, JsonBody, "a9nBmqA0ju/hNViExpshrM61xv4=")]
    [InlineData("T22", "https://mycompany.com/myapp.php?bodySHA256=" + JsonBodyHash, JsonBody, "y77kIzt2vzLz71DgmJGsen2scGs=")]
    [InlineData("T23 (only :443 matches)", Url + "&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc=")]
    public void Twilio_json_signature_matches_official_vector(string vector, string url, string body, string signature)
    {
        Assert.True(TwilioSignature.VerifyJson(Token, url, Encoding.UTF8.GetBytes(body), signature) == SignatureVerdict.Valid, vector);
    }

    [Fact]
    public void Twilio_json_signature_fails_without_body_hash_in_url()
    {
        // Vector T24.
        Assert.Equal(SignatureVerdict.Mismatch, TwilioSignature.VerifyJson(Token, Url, Encoding.UTF8.GetBytes(JsonBody), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void Twilio_json_signature_fails_when_body_was_altered()
    {
        var url = Url + "&bodySHA256=" + JsonBodyHash;
        var tampered = Encoding.UTF8.GetBytes("{\"property\": \"evil\", \"boolean\": true}");
        Assert.Equal(SignatureVerdict.Mismatch, TwilioSignature.VerifyJson(Token, url, tampered, "a9nBmqA0ju/hNViExpshrM61xv4="));
    }

    [Fact]
    public void Twilio_signature_matches_self_computed_voice_webhook_vector()
    {
        // Self-computed, not official: the 12 parameters of the incoming-call example in TwilioCallParserTests.
        KeyValuePair<string, string?>[] form =
        [
            new("AccountSid", "AC00000000000000000000000000000001"), new("ApiVersion", "2010-04-01"),
            new("CallSid", "CA00000000000000000000000000000042"), new("CallStatus", "ringing"),
            new("Called", "+33184880000"), new("Caller", "+33612345678"), new("CallerCountry", "FR"),
            new("Direction", "inbound"), new("From", "+33612345678"), new("FromCountry", "FR"),
            new("To", "+33184880000"), new("ToCountry", "FR"),
        ];
        Assert.Equal(SignatureVerdict.Valid, TwilioSignature.VerifyForm(
            "0123456789abcdef0123456789abcdef", "https://leads.example.com/webhooks/twilio/voice", form, "gUccN9uDd2sFEIwgzutmxMJJ7u0="));
    }

    [Fact]
    public void Twilio_compute_reproduces_the_first_official_vector()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute(Token, Url, Std5));
    }
}
