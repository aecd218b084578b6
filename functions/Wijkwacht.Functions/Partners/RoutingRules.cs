using System.ComponentModel.DataAnnotations;
using Wijkwacht.Geography;
using Wijkwacht.Observations;
using Wijkwacht.Problems;

namespace Wijkwacht.Partners;

/// <summary>
/// Which partner handles what: category × neighbourhood × GAS offence, each of the three "any" when left
/// open. The most specific matching rule wins; a catch-all rule makes sure every observation has a partner.
/// </summary>
internal sealed record RoutingRule(string Category, string? Neighbourhood, bool? Gas, string PartnerId)
{
    public const string Any = "*";

    public bool Matches(string category, string? neighbourhood, bool gas) =>
        (Category == Any || Category == category)
        && (Neighbourhood is null || Neighbourhood == neighbourhood)
        && (Gas is null || Gas == gas);

    // Category outranks neighbourhood, which outranks GAS.
    public int Specificity => (Category == Any ? 0 : 4) + (Neighbourhood is null ? 0 : 2) + (Gas is null ? 0 : 1);
}

internal sealed record RoutingRuleSet(IReadOnlyList<RoutingRule> Rules)
{
    public string? PartnerFor(string category, string? neighbourhood, bool gas) =>
        Rules.Where(r => r.Matches(category, neighbourhood, gas)).MaxBy(r => r.Specificity)?.PartnerId;

    /// <summary>Rules that refer to what exists, say each thing once, and leave no observation without a partner.</summary>
    public static FieldErrors Check(IReadOnlyList<RoutingRuleRequest> rules, CategoryCatalogue categories, Neighbourhoods neighbourhoods, IReadOnlySet<string> partnerIds)
    {
        var errors = new FieldErrors();
        var seen = new HashSet<(string, string?, bool?)>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Category is not null && rule.Category != RoutingRule.Any && categories.Find(rule.Category) is null)
            {
                errors.Add($"rules[{i}].category", ErrorCodes.UnknownValue, "This category does not exist.");
            }

            if (rule.Neighbourhood is not null && neighbourhoods[rule.Neighbourhood] is null)
            {
                errors.Add($"rules[{i}].neighbourhood", ErrorCodes.UnknownValue, "This neighbourhood does not exist.");
            }

            if (rule.PartnerId is not null && !partnerIds.Contains(rule.PartnerId))
            {
                errors.Add($"rules[{i}].partnerId", ErrorCodes.UnknownValue, "This partner does not exist.");
            }

            if (!seen.Add((rule.Category!, rule.Neighbourhood, rule.Gas)))
            {
                errors.Add($"rules[{i}]", ErrorCodes.DuplicateValue, "Another rule already covers this category, neighbourhood and GAS combination.");
            }
        }

        if (!rules.Any(r => r.Category == RoutingRule.Any && r.Neighbourhood is null && r.Gas is null))
        {
            errors.Add("rules", ErrorCodes.Required, "Add a catch-all rule (category \"*\", no neighbourhood, no GAS) so every observation has a partner.");
        }

        return errors;
    }
}

public sealed record RoutingRulesRequest([property: Required, MaxLength(1000)] IReadOnlyList<RoutingRuleRequest>? Rules);

public sealed record RoutingRuleRequest(
    [property: Required, StringLength(50), RegularExpression(@"^(\*|[a-z0-9]+(-[a-z0-9]+)*)$", ErrorMessage = "Use a category code or *.")] string? Category,
    [property: StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a neighbourhood id.")] string? Neighbourhood,
    bool? Gas,
    [property: Required, StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a partner id.")] string? PartnerId)
{
    internal RoutingRule ToRule() => new(Category!, Neighbourhood, Gas, PartnerId!);
}
