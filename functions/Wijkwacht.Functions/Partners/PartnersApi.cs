using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wijkwacht.Audit;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Observations;
using Wijkwacht.Problems;
using Wijkwacht.Storage;

namespace Wijkwacht.Partners;

internal sealed record PartnerList(IReadOnlyList<PartnerResponse> Partners);

internal static class PartnersApi
{
    public static void AddPartners(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PartnerStore>();
        builder.Services.AddSingleton<RoutingRuleStore>();
        builder.Services.AddSingleton<PartnerRouting>();
        builder.Services.AddSingleton<IStorageResource, PartnerSeed>();
    }

    public static void MapPartners(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/partners").WithTags("Partners").RequireAuthorization(Policies.ManagePartners);
        partners.MapGet("/", ListPartners).WithName(nameof(ListPartners));
        partners.MapGet("/{id}", GetPartner).WithName(nameof(GetPartner));
        partners.MapPost("/", CreatePartner).WithName(nameof(CreatePartner));
        partners.MapPut("/{id}", ReplacePartner).WithName(nameof(ReplacePartner));

        var rules = app.MapGroup("/api/routing-rules").WithTags("Partners").RequireAuthorization(Policies.ManagePartners);
        rules.MapGet("/", GetRoutingRules).WithName(nameof(GetRoutingRules));
        rules.MapPut("/", ReplaceRoutingRules).WithName(nameof(ReplaceRoutingRules));
    }

    private static async Task<Ok<PartnerList>> ListPartners(PartnerStore partners, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PartnerList([.. (await partners.ListAsync(cancellationToken)).Select(p => PartnerResponse.From(p))]));

    private static async Task<Results<Ok<PartnerResponse>, NotFound>> GetPartner(string id, PartnerStore partners, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await partners.GetAsync(id, cancellationToken) is not { } stored)
        {
            return TypedResults.NotFound();
        }

        response.Headers.ETag = stored.ETag.ToString();
        return TypedResults.Ok(PartnerResponse.From(stored.Partner));
    }

    private static async Task<Results<Created<PartnerResponse>, ValidationProblem, ProblemHttpResult>> CreatePartner(
        PartnerRequest request, ClaimsPrincipal user, PartnerStore partners, CategoryCatalogue categories, AuditTrail audit, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        var errors = Check(request, categories, environment);
        if (request.Id is null)
        {
            errors.Add("id", ErrorCodes.Required, "The Id field is required.");
        }

        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var partner = ToPartner(request.Id!, request);
        var secret = partner.WebhookUrl is null ? null : PartnerStore.NewWebhookSecret();
        if (!await partners.AddAsync(partner, secret, cancellationToken))
        {
            return Problem.Conflict(ErrorCodes.PartnerExists, "This partner exists already.", $"Change partner {partner.Id} with PUT /api/partners/{partner.Id}.");
        }

        await audit.RecordAsync(AuditEntity.Partner, partner.Id, "created", AuditActor.From(user), PartnerResponse.From(partner), cancellationToken);
        return TypedResults.Created($"/api/partners/{partner.Id}", PartnerResponse.From(partner, secret));
    }

    private static async Task<Results<Ok<PartnerResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReplacePartner(
        string id,
        PartnerRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        PartnerStore partners,
        CategoryCatalogue categories,
        AuditTrail audit,
        IHostEnvironment environment,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var errors = Check(request, categories, environment);
        if (request.Id is not null && request.Id != id)
        {
            errors.Add("id", ErrorCodes.NotAllowed, "A partner's id cannot change.");
        }

        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        if (await partners.GetAsync(id, cancellationToken) is not { } stored)
        {
            return TypedResults.NotFound();
        }

        if (ifMatch is not null && ifMatch != stored.ETag.ToString())
        {
            return Problem.ChangedMeanwhile("partner");
        }

        var partner = ToPartner(id, request);
        var newSecret = partner.WebhookUrl is not null && (request.RotateWebhookSecret || stored.WebhookSecret is null) ? PartnerStore.NewWebhookSecret() : null;
        var secret = partner.WebhookUrl is null ? null : newSecret ?? stored.WebhookSecret;
        if (!await partners.ReplaceAsync(partner, secret, stored.ETag, cancellationToken))
        {
            return Problem.ChangedMeanwhile("partner");
        }

        await audit.RecordAsync(AuditEntity.Partner, id, "replaced", AuditActor.From(user),
            new { before = PartnerResponse.From(stored.Partner), after = PartnerResponse.From(partner), webhookSecretRotated = newSecret is not null }, cancellationToken);
        response.Headers.ETag = (await partners.GetAsync(id, cancellationToken))?.ETag.ToString();
        return TypedResults.Ok(PartnerResponse.From(partner, newSecret));
    }

    private static async Task<Ok<RoutingRulesRequest>> GetRoutingRules(RoutingRuleStore rules, HttpResponse response, CancellationToken cancellationToken)
    {
        var stored = await rules.GetAsync(cancellationToken);
        response.Headers.ETag = stored.ETag.ToString();
        return TypedResults.Ok(new RoutingRulesRequest([.. stored.RuleSet.Rules.Select(r => new RoutingRuleRequest(r.Category, r.Neighbourhood, r.Gas, r.PartnerId))]));
    }

    private static async Task<Results<Ok<RoutingRulesRequest>, ValidationProblem, ProblemHttpResult>> ReplaceRoutingRules(
        RoutingRulesRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        RoutingRuleStore rules,
        PartnerStore partners,
        CategoryCatalogue categories,
        Neighbourhoods neighbourhoods,
        AuditTrail audit,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var partnerIds = (await partners.ListAsync(cancellationToken)).Select(p => p.Id).ToHashSet();
        var errors = RoutingRuleSet.Check(request.Rules!, categories, neighbourhoods, partnerIds);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var before = await rules.GetAsync(cancellationToken);
        if (ifMatch is not null && ifMatch != before.ETag.ToString())
        {
            return Problem.ChangedMeanwhile("routing rules");
        }

        var set = new RoutingRuleSet([.. request.Rules!.Select(r => r.ToRule())]);
        if (await rules.ReplaceAsync(set, ifMatch is null ? ETag.All : before.ETag, cancellationToken) is not { } etag)
        {
            return Problem.ChangedMeanwhile("routing rules");
        }

        await audit.RecordAsync(AuditEntity.RoutingRule, "all", "replaced", AuditActor.From(user), new { before = before.RuleSet.Rules, after = set.Rules }, cancellationToken);
        response.Headers.ETag = etag.ToString();
        return TypedResults.Ok(request);
    }

    private static FieldErrors Check(PartnerRequest request, CategoryCatalogue categories, IHostEnvironment environment)
    {
        var errors = new FieldErrors();
        if (request.Email is null && request.WebhookUrl is null)
        {
            errors.Add("email", ErrorCodes.Required, "Give an e-mail address, a webhook URL, or both.");
        }

        if (request.WebhookUrl is not null && !IsAllowedWebhook(request.WebhookUrl, environment))
        {
            errors.Add("webhookUrl", ErrorCodes.Format, "Use an absolute https:// URL.");
        }

        foreach (var (level, i) in (request.ServiceLevels ?? []).Select((l, i) => (l, i)))
        {
            if (level.Category is not null && level.Category != RoutingRule.Any && categories.Find(level.Category) is null)
            {
                errors.Add($"serviceLevels[{i}].category", ErrorCodes.UnknownValue, "This category does not exist.");
            }

            if (level.ResolveWithinWorkingDays < level.AcknowledgeWithinWorkingDays)
            {
                errors.Add($"serviceLevels[{i}].resolveWithinWorkingDays", ErrorCodes.OutOfRange, "Resolving cannot be due before acknowledging.");
            }
        }

        if ((request.ServiceLevels ?? []).GroupBy(l => l.Category).Any(g => g.Count() > 1))
        {
            errors.Add("serviceLevels", ErrorCodes.DuplicateValue, "Give each category one service level.");
        }

        return errors;
    }

    // Outside Development only https; locally a test listener on the loopback may stand in.
    private static bool IsAllowedWebhook(string url, IHostEnvironment environment) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (environment.IsDevelopment() && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.UserInfo);

    private static Partner ToPartner(string id, PartnerRequest request) => new(
        id,
        request.Name!.Trim(),
        request.Language!,
        request.Email,
        request.WebhookUrl is null ? null : new Uri(request.WebhookUrl),
        [.. (request.ServiceLevels ?? []).Select(l => new ServiceLevel(l.Category!, l.AcknowledgeWithinWorkingDays!.Value, l.ResolveWithinWorkingDays!.Value, l.SecondReminderAfterWorkingDays, l.EscalateAfterWorkingDays))]);

    /// <summary>Adds the demo partners and routing rules of Data/partners.json when they are not there yet.</summary>
    private sealed class PartnerSeed(PartnerStore partners, RoutingRuleStore rules) : IStorageResource
    {
        public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
        {
            await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "partners.json"));
            var seed = await JsonSerializer.DeserializeAsync(stream, PartnersJsonContext.Default.PartnerSeedFile, cancellationToken)
                ?? throw new InvalidDataException("Data/partners.json is empty.");
            foreach (var partner in seed.Partners)
            {
                await partners.AddAsync(partner, null, cancellationToken);
            }

            await rules.SeedAsync(new RoutingRuleSet(seed.Routing), cancellationToken);
        }
    }
}

internal sealed record PartnerSeedFile(IReadOnlyList<Partner> Partners, IReadOnlyList<RoutingRule> Routing);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PartnerSeedFile))]
[JsonSerializable(typeof(RoutingRuleSet))]
[JsonSerializable(typeof(IReadOnlyList<ServiceLevel>))]
internal sealed partial class PartnersJsonContext : JsonSerializerContext;
