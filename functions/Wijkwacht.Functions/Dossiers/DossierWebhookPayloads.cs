using System.Text.Json;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dossiers;

/// <summary>The JSON a partner's webhook receives about a dossier.</summary>
internal sealed class DossierWebhookPayloads(CategoryCatalogue categories, DossierMails mails)
{
    public const string ForwardedEvent = "dossier.forwarded";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string ForwardedDeliveryId(Dossier dossier) => $"{dossier.SendKey}-forwarded";

    public string Forwarded(Dossier dossier, Observation observation, Partner partner, DateTimeOffset at) => JsonSerializer.Serialize(new
    {
        @event = ForwardedEvent,
        deliveryId = ForwardedDeliveryId(dossier),
        occurredAt = at,
        dossier = new
        {
            id = dossier.Id,
            status = DossierStatus.Forwarded,
            category = dossier.Category,
            categoryLabel = categories.Find(dossier.Category)?.Label(partner.Language) ?? dossier.Category,
            observations = new[]
            {
                new { observation.ObservedAt, observation.Latitude, observation.Longitude, observation.Description },
            },
            // The same page the e-mail links to; the partner acts there, or through its own systems.
            link = mails.PartnerLink(dossier.Id),
        },
    }, Json);
}
