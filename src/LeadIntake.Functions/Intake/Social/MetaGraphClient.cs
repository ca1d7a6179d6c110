using System.Net.Http.Headers;

namespace LeadIntake.Functions.Intake.Social;

/// <summary>
/// Fetches a Meta lead by its leadgen id (<c>GET {Meta:GraphBaseUrl}/{leadgen_id}</c>,
/// https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving). The access token goes in the
/// Authorization header, not the query string, so it never appears in a logged URL.
/// </summary>
internal sealed class MetaGraphClient(HttpClient http, IOptionsMonitor<MetaOptions> options)
{
    /// <summary>The largest Graph answer read: a lead is a few KB.</summary>
    private const int MaxAnswerBytes = 256 * 1024;
    private const string Fields = "id,created_time,ad_id,ad_name,adset_id,campaign_id,campaign_name,form_id,field_data,platform,is_organic";

    public async Task<GraphLeadAnswer> FetchLeadAsync(string leadgenId, CancellationToken cancellationToken)
    {
        var meta = options.CurrentValue;
        if (string.IsNullOrEmpty(meta.AccessToken)) return new GraphLeadAnswer.Failed("no access token configured");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{meta.GraphBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(leadgenId)}?fields={Fields}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", meta.AccessToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(meta.GraphTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return new GraphLeadAnswer.Failed($"HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxAnswerBytes) return new GraphLeadAnswer.Failed("answer too large");
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return bytes.Length > MaxAnswerBytes ? new GraphLeadAnswer.Failed("answer too large") : new GraphLeadAnswer.Fetched(bytes);
        }
        catch (HttpRequestException e)
        {
            return new GraphLeadAnswer.Failed($"unreachable: {e.HttpRequestError}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GraphLeadAnswer.Failed("timeout");
        }
    }
}

/// <summary>The Graph API's answer for one lead: its JSON bytes, or why it could not be had.</summary>
internal abstract record GraphLeadAnswer
{
    private GraphLeadAnswer() { }

    public sealed record Fetched(byte[] Json) : GraphLeadAnswer;

    public sealed record Failed(string Reason) : GraphLeadAnswer;
}
