using System.Globalization;
using Microsoft.Extensions.Options;
using Wijkwacht.Hosting;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Partners;
using Wijkwacht.Time;

namespace Wijkwacht.Dossiers;

/// <summary>The e-mails about a dossier, in the partner's language (Dutch, French or English).</summary>
internal sealed class DossierMails(CategoryCatalogue categories, SignedLinks links, IOptions<AppOptions> app)
{
    public static string ForwardedMailId(Dossier dossier) => $"{dossier.SendKey}-forwarded";

    public MailMessage Forwarded(Dossier dossier, Observation observation, Partner partner)
    {
        var text = Texts.For(partner.Language);
        return ToPartner(ForwardedMailId(dossier), dossier, partner, text, category => Format(text.ForwardedSubject, category, ShortId(dossier.Id)), [text.ForwardedIntro],
        [
            $"{text.ObservedAt}: {Local(observation.ObservedAt, text.Culture)}",
            $"{text.Location}: {observation.Latitude.ToString("F6", CultureInfo.InvariantCulture)}, {observation.Longitude.ToString("F6", CultureInfo.InvariantCulture)}",
            $"{text.Map}: {MapLink(observation)}",
            $"{text.Description}: {observation.Description ?? "—"}",
            $"{text.Photos}: {string.Format(CultureInfo.InvariantCulture, text.PhotosOnPage, observation.Photos.Count)}",
        ]);
    }

    public static string FollowUpMailId(Dossier dossier, Deadline deadline, int step) =>
        FollowUpPlan.IsEscalation(step) ? $"{dossier.SendKey}-{Name(deadline)}-escalation" : $"{dossier.SendKey}-{Name(deadline)}-reminder-{step}";

    /// <summary>A reminder to the partner that a deadline passed.</summary>
    public MailMessage Reminder(Dossier dossier, Partner partner, Deadline deadline, int step)
    {
        var text = Texts.For(partner.Language);
        var (subject, intro) = deadline == Deadline.Acknowledgement
            ? (text.ReminderSubject, text.ReminderIntro)
            : (text.ResolutionReminderSubject, text.ResolutionReminderIntro);
        var introText = Format(intro, Local(dossier.ForwardedAt ?? dossier.CreatedAt, text.Culture), Local(DeadlineOf(dossier, deadline), text.Culture));
        return ToPartner(FollowUpMailId(dossier, deadline, step), dossier, partner, text, category => Format(subject, step, category, ShortId(dossier.Id)), [introText], []);
    }

    /// <summary>
    /// A new link for the partner, after the coordinator withdrew the old ones. Every renewal revokes the links
    /// before it, so every renewal's mail must go out: its id is unique to the renewal (an id per minute made a
    /// second renewal within the minute a "duplicate" that was never sent, leaving the partner without a link).
    /// </summary>
    public MailMessage RenewedLink(Dossier dossier, Partner partner, Guid renewal)
    {
        var text = Texts.For(partner.Language);
        var id = $"{dossier.SendKey}-new-link-{renewal:N}";
        return ToPartner(id, dossier, partner, text, category => Format(text.ForwardedSubject, category, ShortId(dossier.Id)), [text.RenewedLinkIntro], []);
    }

    /// <summary>
    /// A mail to the partner about a dossier: greeting, what it is about, the dossier's facts, the signed link to
    /// the partner page, and the sign-off. The subject is made from the category's label in the partner's language.
    /// </summary>
    private MailMessage ToPartner(string id, Dossier dossier, Partner partner, Texts text, Func<string, string> subject, string[] intro, string[] facts)
    {
        var category = categories.Find(dossier.Category)?.Label(text.Language) ?? dossier.Category;
        string[] lines =
        [
            Format(text.Greeting, partner.Name),
            "",
            .. intro,
            "",
            $"{text.Dossier}: {dossier.Id}",
            $"{text.Category}: {category}",
            .. facts,
            "",
            text.OpenDossier,
            PartnerLink(dossier.Id).ToString(),
            "",
            text.Closing,
            "",
            "Wijkwacht",
            app.Value.PublicUrl.ToString(),
        ];
        return new MailMessage(
            id,
            partner.Email ?? throw new InvalidOperationException($"Partner {partner.Id} has no e-mail address."),
            subject(category),
            string.Join("\r\n", lines),
            text.Language);
    }

    /// <summary>The escalation to the coordinator: the partner missed a deadline despite two reminders.</summary>
    public MailMessage Escalation(Dossier dossier, Partner partner, Deadline deadline, string coordinatorEmail)
    {
        var text = Texts.For("nl");
        var category = categories.Find(dossier.Category)?.Label(text.Language) ?? dossier.Category;
        return new MailMessage(
            FollowUpMailId(dossier, deadline, FollowUpPlan.Steps),
            coordinatorEmail,
            string.Format(CultureInfo.InvariantCulture, deadline == Deadline.Acknowledgement ? text.EscalationAcknowledgementSubject : text.EscalationResolutionSubject, category, ShortId(dossier.Id), partner.Name),
            string.Join("\r\n",
                string.Format(CultureInfo.InvariantCulture, text.EscalationIntro, partner.Name, Local(DeadlineOf(dossier, deadline), text.Culture)),
                "",
                $"{text.Dossier}: {dossier.Id}",
                $"{text.Category}: {category}",
                $"{StatusLabel[text.Language]}: {StatusNames[text.Language][dossier.Status]}",
                "",
                CoordinatorLink(dossier.Id).ToString()),
            text.Language);
    }

    /// <summary>The dossier on the coordinator's page (signed-in coordinators only), opened at this dossier.</summary>
    public Uri CoordinatorLink(string dossierId) => new(app.Value.PublicUrl, $"/coordinator/?dossier={Uri.EscapeDataString(dossierId)}");

    // Every value in a mail is in the mail's language: the status too, not the enum's English name.
    private static readonly Dictionary<string, string> StatusLabel = new() { ["nl"] = "Status", ["fr"] = "Statut", ["en"] = "Status" };

    private static readonly Dictionary<string, Dictionary<DossierStatus, string>> StatusNames = new()
    {
        ["nl"] = new()
        {
            [DossierStatus.New] = "Nieuw", [DossierStatus.Forwarded] = "Doorgestuurd", [DossierStatus.Acknowledged] = "Ontvangst bevestigd",
            [DossierStatus.InProgress] = "In behandeling", [DossierStatus.Resolved] = "Opgelost", [DossierStatus.Rejected] = "Geweigerd",
            [DossierStatus.Reassigned] = "Doorverwezen",
        },
        ["fr"] = new()
        {
            [DossierStatus.New] = "Nouveau", [DossierStatus.Forwarded] = "Transmis", [DossierStatus.Acknowledged] = "Réception confirmée",
            [DossierStatus.InProgress] = "En cours de traitement", [DossierStatus.Resolved] = "Résolu", [DossierStatus.Rejected] = "Refusé",
            [DossierStatus.Reassigned] = "Réattribué",
        },
        ["en"] = new()
        {
            [DossierStatus.New] = "New", [DossierStatus.Forwarded] = "Forwarded", [DossierStatus.Acknowledged] = "Acknowledged",
            [DossierStatus.InProgress] = "In progress", [DossierStatus.Resolved] = "Resolved", [DossierStatus.Rejected] = "Rejected",
            [DossierStatus.Reassigned] = "Reassigned",
        },
    };

    private static DateTimeOffset DeadlineOf(Dossier dossier, Deadline deadline) =>
        (deadline == Deadline.Acknowledgement ? dossier.AcknowledgeBy : dossier.ResolveBy) ?? dossier.CreatedAt;

    private static string Name(Deadline deadline) => deadline == Deadline.Acknowledgement ? "acknowledgement" : "resolution";

    /// <summary>The partner page for this dossier, opened with a signed link that needs no account.</summary>
    public Uri PartnerLink(string dossierId)
    {
        var token = links.Issue(LinkPurpose.PartnerDossier, dossierId, app.Value.PartnerLinkLifetime);
        return new Uri(app.Value.PublicUrl, $"/partner/?dossier={dossierId}&token={Uri.EscapeDataString(token)}");
    }

    private static string ShortId(string id) => id[..8];

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    private static string Local(DateTimeOffset at, CultureInfo culture) =>
        BrusselsTime.ToLocal(at).ToString("f", culture);

    private static string MapLink(Observation o)
    {
        var lat = o.Latitude.ToString("F6", CultureInfo.InvariantCulture);
        var lon = o.Longitude.ToString("F6", CultureInfo.InvariantCulture);
        return $"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=19/{lat}/{lon}";
    }

    private sealed record Texts(
        string Language,
        CultureInfo Culture,
        string Greeting,
        string ForwardedSubject,
        string ForwardedIntro,
        string ReminderSubject,
        string ReminderIntro,
        string ResolutionReminderSubject,
        string ResolutionReminderIntro,
        string EscalationAcknowledgementSubject,
        string EscalationResolutionSubject,
        string EscalationIntro,
        string Dossier,
        string Category,
        string ObservedAt,
        string Location,
        string Map,
        string Description,
        string Photos,
        string PhotosOnPage,
        string OpenDossier,
        string RenewedLinkIntro,
        string Closing)
    {
        private static readonly Texts Dutch = new(
            "nl", CultureInfo.GetCultureInfo("nl-BE"),
            "Beste {0},",
            "Nieuw dossier: {0} ({1})",
            "Een gemeenschapswacht heeft een vaststelling gedaan die uw dienst aanbelangt. U vindt de gegevens hieronder.",
            "Herinnering {0}: dossier {1} ({2}) wacht op uw bevestiging",
            "Dit dossier werd u op {0} toegestuurd en moest tegen {1} bevestigd zijn. Wilt u het bevestigen en opvolgen?",
            "Herinnering {0}: dossier {1} ({2}) is nog niet opgelost",
            "Dit dossier werd u op {0} toegestuurd en moest tegen {1} opgelost zijn. Wilt u laten weten hoe het ervoor staat?",
            "Escalatie: dossier {0} ({1}) niet bevestigd door {2}",
            "Escalatie: dossier {0} ({1}) niet opgelost door {2}",
            "{0} heeft dit dossier ondanks twee herinneringen niet behandeld (termijn: {1}). Het staat op de agenda van het volgende wijkoverleg.",
            "Dossier", "Categorie", "Vastgesteld op", "Locatie", "Kaart", "Beschrijving",
            "Foto's", "{0} nu, en wat de gemeenschapswacht nog toevoegt: te bekijken via de link hieronder",
            "Bekijk het dossier en laat weten wat u doet (geen account nodig):",
            "De vorige link naar dit dossier werkt niet meer. Gebruik voortaan deze nieuwe link.",
            "Met vriendelijke groet,");

        private static readonly Texts French = new(
            "fr", CultureInfo.GetCultureInfo("fr-BE"),
            "Bonjour {0},",
            "Nouveau dossier : {0} ({1})",
            "Un gardien de la paix a fait une constatation qui concerne votre service. Vous en trouverez les détails ci-dessous.",
            "Rappel {0} : le dossier {1} ({2}) attend votre accusé de réception",
            "Ce dossier vous a été transmis le {0} et devait être confirmé pour le {1}. Pouvez-vous le confirmer et en assurer le suivi ?",
            "Rappel {0} : le dossier {1} ({2}) n'est pas encore résolu",
            "Ce dossier vous a été transmis le {0} et devait être résolu pour le {1}. Pouvez-vous nous dire où il en est ?",
            "Escalade : dossier {0} ({1}) non confirmé par {2}",
            "Escalade : dossier {0} ({1}) non résolu par {2}",
            "Malgré deux rappels, {0} n'a pas traité ce dossier (échéance : {1}). Il figure à l'ordre du jour de la prochaine réunion de quartier.",
            "Dossier", "Catégorie", "Constaté le", "Lieu", "Carte", "Description",
            "Photos", "{0} à ce stade, et celles que le gardien de la paix ajoutera : à voir via le lien ci-dessous",
            "Consultez le dossier et indiquez la suite donnée (sans compte) :",
            "Le lien précédent vers ce dossier ne fonctionne plus. Utilisez désormais ce nouveau lien.",
            "Cordialement,");

        private static readonly Texts English = new(
            "en", CultureInfo.GetCultureInfo("en-GB"),
            "Dear {0},",
            "New case: {0} ({1})",
            "A community warden recorded an observation that concerns your service. The details are below.",
            "Reminder {0}: case {1} ({2}) awaits your acknowledgement",
            "This case was sent to you on {0} and was due to be acknowledged by {1}. Please acknowledge it and follow it up.",
            "Reminder {0}: case {1} ({2}) is not resolved yet",
            "This case was sent to you on {0} and was due to be resolved by {1}. Please let us know where it stands.",
            "Escalation: case {0} ({1}) not acknowledged by {2}",
            "Escalation: case {0} ({1}) not resolved by {2}",
            "Despite two reminders, {0} did not handle this case (deadline: {1}). It is on the agenda of the next neighbourhood team meeting.",
            "Case", "Category", "Observed at", "Location", "Map", "Description",
            "Photos", "{0} so far, and any the warden adds: see them through the link below",
            "View the case and tell us what you are doing (no account needed):",
            "The previous link to this case no longer works. Please use this new link from now on.",
            "Kind regards,");

        public static Texts For(string language) => language switch
        {
            "fr" => French,
            "en" => English,
            _ => Dutch,
        };
    }
}
