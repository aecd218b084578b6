using Wijkwacht.Messaging;
using Wijkwacht.Triggers;

namespace Wijkwacht.Tests.Triggers;

/// <summary>Payloads as the Functions host posts them to a custom handler (research §1.4).</summary>
public sealed class InvocationRequestTests
{
    private const string ObservationId = "5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00";

    [Fact]
    public void AServiceBusMessageTheHostEncodedTwiceIsReadAsTheMessage()
    {
        var invocation = Parse("""
            {
              "Data": { "message": "\"{\\\"observationId\\\":\\\"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00\\\"}\"" },
              "Metadata": { "DeliveryCount": "1", "MessageId": "\"forward-5b1f\"" }
            }
            """);

        Assert.Equal("""{"observationId":"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00"}""", invocation.ReadText("message"));
        var message = invocation.ReadMessage("message", MessagesJsonContext.Default.ForwardDossierMessage);
        Assert.Equal(Guid.Parse(ObservationId), message.ObservationId);
    }

    [Fact]
    public void AMessageEncodedOnlyOnceIsReadAsTheMessageToo()
    {
        var invocation = Parse("""
            { "Data": { "message": "{\"observationId\":\"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00\"}" } }
            """);

        var message = invocation.ReadMessage("message", MessagesJsonContext.Default.ForwardDossierMessage);
        Assert.Equal(Guid.Parse(ObservationId), message.ObservationId);
    }

    [Fact]
    public void TheServiceBusDeliveryCountIsReadFromItsString()
    {
        var invocation = Parse("""{ "Data": {}, "Metadata": { "DeliveryCount": "3", "MessageId": "\"m\"" } }""");

        Assert.Equal(3, invocation.DeliveryCount);
    }

    [Fact]
    public void AStorageQueueDequeueCountCountsAsTheDeliveryCount()
    {
        var invocation = Parse("""{ "Data": {}, "Metadata": { "DequeueCount": "2", "Id": "\"m\"" } }""");

        Assert.Equal(2, invocation.DeliveryCount);
    }

    [Fact]
    public void AMessageWithoutACountIsOnItsFirstDelivery()
    {
        var invocation = Parse("""{ "Data": {}, "Metadata": { "sys": { "MethodName": "ForwardDossier" } } }""");

        Assert.Equal(1, invocation.DeliveryCount);
    }

    [Fact]
    public void StringMetadataLosesTheQuotesTheHostAddedAroundIt()
    {
        var invocation = Parse("""{ "Data": {}, "Metadata": { "MessageId": "\"esc-c-7-2\"", "SequenceNumber": "42" } }""");

        Assert.Equal("esc-c-7-2", invocation.MetadataText("MessageId"));
        Assert.Equal("42", invocation.MetadataText("SequenceNumber"));
        Assert.Null(invocation.MetadataText("CorrelationId"));
    }

    [Fact]
    public void StringMetadataIsUnescapedAsTheHostEscapedIt()
    {
        // The host writes metadata strings as JSON literals, escapes included; so does the local trigger host,
        // whose System.Text.Json also escapes '+' (common in pop receipts) as \u002B.
        var invocation = Parse("""
            { "Data": {}, "Metadata": { "Label": "\"say \\\"hi\\\"\"", "PopReceipt": "\"AgAA+Aw\\u002BAA==\"" } }
            """);

        Assert.Equal("say \"hi\"", invocation.MetadataText("Label"));
        Assert.Equal("AgAA+Aw+AA==", invocation.MetadataText("PopReceipt"));
    }

    [Fact]
    public void ATimerPayloadArrivesAsAnObjectAndIsReadAsItsJson()
    {
        var invocation = Parse("""
            {
              "Data": { "timer": { "Schedule": { "AdjustForDST": true },
                                   "ScheduleStatus": { "Last": "2026-11-22T09:59:00Z", "Next": "2026-11-22T10:01:00Z", "LastUpdated": "2026-11-22T09:59:00Z" },
                                   "IsPastDue": false } },
              "Metadata": { "sys": { "MethodName": "FollowUpSweep", "UtcNow": "2026-11-22T10:00:00.01Z" } }
            }
            """);

        var timer = JsonDocument.Parse(invocation.ReadText("timer")).RootElement;
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal("2026-11-22T10:01:00Z", timer.GetProperty("ScheduleStatus").GetProperty("Next").GetString());
    }

    [Fact]
    public void ReadingABindingTheHostDidNotSendIsRefused()
    {
        var invocation = Parse("""{ "Data": { "message": "\"{}\"" }, "Metadata": {} }""");

        var error = Assert.Throws<InvalidDataException>(() => invocation.ReadText("timer"));
        Assert.Contains("timer", error.Message);
    }

    private static InvocationRequest Parse(string payload) =>
        JsonSerializer.Deserialize(payload, InvocationJsonContext.Default.InvocationRequest)!;
}
