using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests;

/// <summary>Bad input always gets a 4xx problem+json that names what was wrong, and never stores anything.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class BadInputTests
{
    public static TheoryData<string, string, string, HttpStatusCode, string> FormCases() => new()
    {
        { "malformed JSON", "application/json", "{\"email\": \"a@b.example\",", HttpStatusCode.BadRequest, "body" },
        { "JSON array instead of object", "application/json", "[1,2,3]", HttpStatusCode.BadRequest, "body" },
        { "nested object field", "application/json", "{\"email\":\"a@b.example\",\"company\":{\"name\":\"x\"}}", HttpStatusCode.BadRequest, "company" },
        { "too deep JSON", "application/json", "{\"a\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}", HttpStatusCode.BadRequest, "body" },
        { "no email and no phone", "application/json", "{\"name\":\"Nobody\",\"message\":\"hi\"}", HttpStatusCode.UnprocessableEntity, "email" },
        { "name too long", "application/json", "{\"email\":\"a@b.example\",\"name\":\"" + new string('x', 500) + "\"}", HttpStatusCode.UnprocessableEntity, "name" },
        { "message too long", "application/json", "{\"email\":\"a@b.example\",\"message\":\"" + new string('x', 20_001) + "\"}", HttpStatusCode.UnprocessableEntity, "message" },
        { "unsupported media type", "text/plain", "email=a@b.example", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "xml", "application/xml", "<lead/>", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "invalid UTF-8 in JSON", "application/json", "{\"email\":\"a@b.example\",\"name\":\"\uFFFF\"}", HttpStatusCode.BadRequest, "body" },
        { "bad time to submit", "application/json", "{\"email\":\"a@b.example\",\"elapsedMs\":\"soon\"}", HttpStatusCode.UnprocessableEntity, "elapsedMs" },
    };

    [Theory]
    [MemberData(nameof(FormCases))]
    public async Task Bad_form_input_is_a_problem_naming_the_field_and_stores_nothing(string because, string contentType, string body, HttpStatusCode status, string field)
    {
        await using var app = await TestApp.StartAsync();
        var bytes = because == "invalid UTF-8 in JSON"
            ? Encoding.UTF8.GetBytes(body).Select(b => b).ToArray() is var raw ? ReplaceWithInvalidUtf8(raw) : raw
            : Encoding.UTF8.GetBytes(body);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await app.Client.PostAsync("/api/intake/form", content);

        await AssertProblemAsync(response, status, field);
        Assert.Equal(0, await app.CountLeadRowsAsync());
    }

    [Fact]
    public async Task Oversized_body_is_413_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        using var content = new StringContent("{\"email\":\"a@b.example\",\"message\":\"" + new string('x', 70_000) + "\"}", Encoding.UTF8, "application/json");

        using var response = await app.Client.PostAsync("/api/intake/form", content);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal(0, await app.CountLeadRowsAsync());
    }

    [Fact]
    public async Task Multipart_file_upload_is_refused_naming_the_part()
    {
        await using var app = await TestApp.StartAsync();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("a@b.example"), "email" },
            { new ByteArrayContent([1, 2, 3]), "cv", "cv.pdf" },
        };

        using var response = await app.Client.PostAsync("/api/intake/form", content);

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "cv");
        Assert.Equal(0, await app.CountLeadRowsAsync());
    }

    [Fact]
    public async Task Multipart_text_fields_are_accepted()
    {
        await using var app = await TestApp.StartAsync();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("a@b.example"), "email" },
            { new StringContent("Need a demo"), "message" },
        };

        using var response = await app.Client.PostAsync("/api/intake/form", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(TestApp.FunctionKey, HttpStatusCode.Unauthorized)]
    [InlineData(TestApp.AdminKey, HttpStatusCode.NotFound)]
    public async Task Admin_route_needs_the_admin_key(string? key, HttpStatusCode expected)
    {
        await using var app = await TestApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/leads/01M88V3CTSQ0W4VR7QX3CP95QS");
        if (key is not null) request.Headers.Add("x-functions-key", key);

        using var response = await app.Client.SendAsync(request);

        await AssertProblemAsync(response, expected, expected == HttpStatusCode.NotFound ? "id" : "x-functions-key");
    }

    [Fact]
    public async Task Key_is_accepted_in_the_code_query_parameter()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync($"/api/leads/not-an-id?code={TestApp.AdminKey}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_are_problems_too()
    {
        await using var app = await TestApp.StartAsync();
        using var missing = await app.Client.GetAsync("/api/nothing-here");
        using var wrongMethod = await app.Client.GetAsync("/api/intake/form");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
    }

    private static byte[] ReplaceWithInvalidUtf8(byte[] raw)
    {
        // U+FFFF encodes as EF BF BF; turn it into a lone continuation byte sequence that is not UTF-8.
        var list = raw.ToList();
        int i = list.IndexOf(0xEF);
        list[i] = 0xC3;
        list[i + 1] = 0x28;
        list.RemoveAt(i + 2);
        return [.. list];
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        var fields = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains(field, fields);
    }
}
