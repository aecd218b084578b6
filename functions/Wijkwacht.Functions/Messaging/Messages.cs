using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Messaging;

/// <summary>Asks the forwarding function to open (or find) the dossier of an observation and notify its partner.</summary>
internal sealed record ForwardDossierMessage(Guid ObservationId);

/// <summary>A follow-up step that fell due: the handler re-reads the dossier and acts only if still relevant.</summary>
internal sealed record FollowUpStepMessage(string Kind, string TargetId, int Step, DateTimeOffset DueAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ForwardDossierMessage))]
[JsonSerializable(typeof(FollowUpStepMessage))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
