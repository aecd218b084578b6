using Wijkwacht.Bookings;
using Wijkwacht.Dossiers;
using Wijkwacht.Messaging;
using Wijkwacht.Webhooks;

namespace Wijkwacht.FollowUp;

/// <summary>Runs one due step. Each step re-reads the state it is about and does nothing if it no longer applies.</summary>
internal sealed class FollowUpSteps(Forwarding forwarding, DossierFollowUp dossierFollowUp, WebhookDispatcher webhooks, BookingSync bookings, BookingDesk desk)
{
    public async Task<string> RunAsync(FollowUpStepMessage message, CancellationToken cancellationToken) => message.Kind switch
    {
        FollowUpKinds.ForwardingCheck => Guid.TryParse(message.TargetId, out var observationId)
            && await forwarding.ForwardAsync(observationId, cancellationToken) is { } dossierId
                ? $"in dossier {dossierId}"
                : "no such observation",
        FollowUpKinds.Acknowledgement => await dossierFollowUp.RunAsync(message.TargetId, Deadline.Acknowledgement, message.Step, message.DueAt, cancellationToken),
        FollowUpKinds.Resolution => await dossierFollowUp.RunAsync(message.TargetId, Deadline.Resolution, message.Step, message.DueAt, cancellationToken),
        FollowUpKinds.WebhookDelivery => await webhooks.AttemptAsync(message.TargetId, message.Step, cancellationToken),
        FollowUpKinds.BookingSync => await bookings.RunAsync(Guid.Parse(message.TargetId), cancellationToken),
        FollowUpKinds.BookingReminder => await bookings.RemindAsync(Guid.Parse(message.TargetId), message.Step, cancellationToken),
        FollowUpKinds.BookingHoldExpiry => await desk.ExpireAsync(Guid.Parse(message.TargetId), cancellationToken),
        _ => throw new InvalidDataException($"Unknown follow-up step kind {message.Kind}."),
    };
}

internal static class FollowUpSetup
{
    public static void AddFollowUp(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FollowUpOptions>().BindConfiguration("FollowUp");
        builder.Services.AddSingleton<FollowUpSchedule>();
        builder.Services.AddSingleton<FollowUpSweep>();
        builder.Services.AddSingleton<FollowUpSteps>();
    }
}
