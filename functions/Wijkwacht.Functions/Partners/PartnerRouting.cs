namespace Wijkwacht.Partners;

/// <summary>Finds the partner for an observation by the routing rules.</summary>
internal sealed class PartnerRouting(RoutingRuleStore rules, PartnerStore partners)
{
    public async Task<Partner> PartnerForAsync(string category, string? neighbourhood, bool gas, CancellationToken cancellationToken)
    {
        var ruleSet = (await rules.GetAsync(cancellationToken)).RuleSet;
        var partnerId = ruleSet.PartnerFor(category, neighbourhood, gas)
            ?? throw new InvalidOperationException($"No routing rule covers category {category}; the rule set has no catch-all.");
        return (await partners.GetAsync(partnerId, cancellationToken))?.Partner
            ?? throw new InvalidOperationException($"Routing names partner {partnerId}, which does not exist.");
    }
}
