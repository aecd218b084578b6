using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Observations;

/// <summary>Photos uploaded straight to Blob Storage (Azurite) through a write-only URL, then checked by content.</summary>
public sealed class PhotoTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];
    private readonly HttpClient _storage = new();
    private WijkwachtApp _app = null!;
    private HttpClient _warden = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite);
        _warden = _app.ClientAs("warden-1", "warden");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _storage.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task APhotoIsUploadedDirectlyConfirmedByItsContentAndServedThroughAShortLivedUrl()
    {
        var id = await CreateAsync();
        var photoId = Guid.NewGuid();

        var upload = await UploadAsync(id, photoId, Jpeg);
        var confirmed = await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null);
        var again = await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("image/jpeg", (await confirmed.JsonAsync()).GetProperty("contentType").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var observation = await _warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}");
        var photo = Assert.Single(observation.GetProperty("photos").EnumerateArray());
        Assert.Equal(Jpeg.Length, photo.GetProperty("size").GetInt64());

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _warden.BaseAddress };
        noRedirects.DefaultRequestHeaders.Add("x-ms-client-principal", _warden.DefaultRequestHeaders.GetValues("x-ms-client-principal").Single());
        var redirect = await noRedirects.GetAsync(photo.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var served = await _storage.GetAsync(redirect.Headers.Location);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Jpeg, await served.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("inline", served.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIsWrittenWithAnUploadUrlAfterTheConfirmationIsNeverServed()
    {
        var id = await CreateAsync();
        var photoId = Guid.NewGuid();
        var upload = await (await _warden.PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId, contentType = "image/jpeg" })).JsonAsync();
        await PutAsync(upload.GetProperty("uploadUrl").GetString()!, Jpeg);
        Assert.Equal(HttpStatusCode.OK, (await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null)).StatusCode);

        // The same URL, still within its 15 minutes, and a fresh one for the same photo: both write only an upload.
        var html = System.Text.Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(upload.GetProperty("uploadUrl").GetString()!, html)).StatusCode);
        var again = await (await _warden.PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId, contentType = "image/jpeg" })).JsonAsync();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(again.GetProperty("uploadUrl").GetString()!, html)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null)).StatusCode);

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _warden.BaseAddress };
        noRedirects.DefaultRequestHeaders.Add("x-ms-client-principal", _warden.DefaultRequestHeaders.GetValues("x-ms-client-principal").Single());
        var served = await _storage.GetAsync((await noRedirects.GetAsync($"/api/observations/{id}/photos/{photoId}")).Headers.Location);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Jpeg, await served.Content.ReadAsByteArrayAsync());
        Assert.False(await _app.Container("photos").GetBlobClient($"incoming/{id}/{photoId}").ExistsAsync()); // the stray upload is gone
    }

    [Theory]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("GIF89a not allowed either")]
    public async Task AFileThatIsNotAPhotoIsRefusedWhateverItClaimsAndIsDeleted(string content)
    {
        var id = await CreateAsync();
        var photoId = Guid.NewGuid();
        await UploadAsync(id, photoId, System.Text.Encoding.UTF8.GetBytes(content)); // claimed as image/jpeg

        var confirmed = await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, confirmed.StatusCode);
        Assert.True((await confirmed.ProblemAsync()).GetProperty("errors").TryGetProperty("photo", out _));
        Assert.Empty((await _warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("photos").EnumerateArray());
        Assert.False(await _app.Container("photos").GetBlobClient($"{id}/{photoId}").ExistsAsync());
        Assert.False(await _app.Container("photos").GetBlobClient($"incoming/{id}/{photoId}").ExistsAsync());
    }

    public static TheoryData<string, byte[]> OtherPhotoTypes => new()
    {
        { "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52] },
        { "image/webp", [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8, 0x18, 0x00, 0x00, 0x00] },
        { "image/heic", [0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8] },
    };

    [Theory]
    [MemberData(nameof(OtherPhotoTypes))]
    public async Task APngWebPOrHeicPhotoIsAcceptedAndServedWithItsOwnContentType(string contentType, byte[] content)
    {
        var id = await CreateAsync();
        var photoId = Guid.NewGuid();
        await UploadAsync(id, photoId, content); // claimed as image/jpeg: the bytes decide

        var confirmed = await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(contentType, (await confirmed.JsonAsync()).GetProperty("contentType").GetString());
        var photo = Assert.Single((await _warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("photos").EnumerateArray());
        Assert.Equal(contentType, photo.GetProperty("contentType").GetString());
        var served = await _app.Container("photos").GetBlobClient($"{id}/{photoId}").GetPropertiesAsync();
        Assert.Equal(contentType, served.Value.ContentType);
        Assert.Equal(content.Length, served.Value.ContentLength);
    }

    [Fact]
    public async Task APhotoOverTenMegabytesIsRefusedAtConfirmationAndDeleted()
    {
        var id = await CreateAsync();
        var photoId = Guid.NewGuid();
        var tooBig = new byte[(10 * 1024 * 1024) + 1];
        Jpeg.CopyTo(tooBig, 0);
        await UploadAsync(id, photoId, tooBig);

        var confirmed = await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, confirmed.StatusCode);
        var error = Assert.Single((await confirmed.ProblemAsync()).GetProperty("errors").GetProperty("photo").EnumerateArray());
        Assert.Equal("The photo is larger than 10 MB.", error.GetString());
        Assert.Empty((await _warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("photos").EnumerateArray());
        Assert.False(await _app.Container("photos").GetBlobClient($"incoming/{id}/{photoId}").ExistsAsync());
        Assert.False(await _app.Container("photos").GetBlobClient($"{id}/{photoId}").ExistsAsync());
    }

    [Fact]
    public async Task ASixthPhotoIsRefusedWhenAskedForAndWhenConfirmed()
    {
        var id = await CreateAsync();
        // Six uploads asked for while there is room, then five confirmed: the sixth confirmation finds no room.
        var photoIds = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        foreach (var photoId in photoIds)
        {
            await UploadAsync(id, photoId, Jpeg);
        }

        foreach (var photoId in photoIds[..5])
        {
            Assert.Equal(HttpStatusCode.OK, (await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null)).StatusCode);
        }

        var sixth = await _warden.PostAsync($"/api/observations/{id}/photos/{photoIds[5]}/confirm", null);
        var seventh = await _warden.PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId = Guid.NewGuid(), contentType = "image/jpeg" });

        foreach (var refused in new[] { sixth, seventh })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("This observation has its five photos.", (await refused.ProblemAsync()).GetProperty("title").GetString());
        }

        var photos = (await _warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("photoId").GetGuid());
        Assert.Equal(photoIds[..5], photos);
        Assert.False(await _app.Container("photos").GetBlobClient($"incoming/{id}/{photoIds[5]}").ExistsAsync());
        Assert.False(await _app.Container("photos").GetBlobClient($"{id}/{photoIds[5]}").ExistsAsync());
    }

    [Fact]
    public async Task AnExpiredUploadUrlNoLongerWorks()
    {
        // The app's clock runs an hour behind, so the URL it makes for "15 minutes" expired 45 minutes ago.
        await using var app = new WijkwachtApp(azurite, new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));
        var warden = app.ClientAs("warden-1", "warden");
        var id = Guid.NewGuid();
        await warden.PostAsJsonAsync("/api/observations", Requests.Observation(id, now: DateTimeOffset.UtcNow.AddHours(-1)));
        var upload = await (await warden.PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId = Guid.NewGuid(), contentType = "image/jpeg" })).JsonAsync();

        var put = await PutAsync(upload.GetProperty("uploadUrl").GetString()!, Jpeg);

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }

    [Fact]
    public async Task TheUploadUrlWritesOnlyItsOwnBlob()
    {
        var id = await CreateAsync();
        var upload = await (await _warden.PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId = Guid.NewGuid(), contentType = "image/jpeg" })).JsonAsync();
        var url = new UriBuilder(upload.GetProperty("uploadUrl").GetString()!);
        url.Path = url.Path[..(url.Path.LastIndexOf('/') + 1)] + Guid.NewGuid();

        var elsewhere = await PutAsync(url.Uri.ToString(), Jpeg);
        var read = await _storage.GetAsync(upload.GetProperty("uploadUrl").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task OnlyTheAuthorAddsPhotosAndRemovingOneDeletesIt()
    {
        var id = await CreateAsync();
        var photoId = Guid.NewGuid();
        await UploadAsync(id, photoId, Jpeg);
        await _warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null);

        var other = await _app.ClientAs("warden-2", "warden").PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId = Guid.NewGuid(), contentType = "image/jpeg" });
        var removed = await _warden.DeleteAsync($"/api/observations/{id}/photos/{photoId}");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty((await _warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("photos").EnumerateArray());
        Assert.False(await _app.Container("photos").GetBlobClient($"{id}/{photoId}").ExistsAsync());
    }

    private async Task<Guid> CreateAsync()
    {
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await _warden.PostAsJsonAsync("/api/observations", Requests.Observation(id))).StatusCode);
        return id;
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid id, Guid photoId, byte[] content)
    {
        var response = await _warden.PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId, contentType = "image/jpeg" });
        var upload = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(upload.GetProperty("uploadUrl").GetString()!, content)).StatusCode);
        return response;
    }

    private async Task<HttpResponseMessage> PutAsync(string url, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return await _storage.SendAsync(request);
    }
}
