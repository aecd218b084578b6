using System.Globalization;
using System.Text.Json.Nodes;
using NCrontab;

namespace Wijkwacht.Triggers;

/// <summary>
/// Fires a timer trigger on its six-field NCRONTAB schedule (UTC, as on Flex Consumption). Time comes from the
/// app's TimeProvider, so tests move a schedule forward by advancing a fake clock. Like the host, a failed run is
/// logged and the schedule goes on; a run is not started while the previous one is still going.
/// </summary>
internal sealed class TimerScheduler(
    FunctionDefinition function,
    string expression,
    bool runOnStartup,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    private readonly CrontabSchedule _schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var lastDue = time.GetUtcNow().UtcDateTime;
        DateTime? lastRun = null;
        if (runOnStartup)
        {
            await FireAsync(lastDue, isPastDue: false, last: null, stoppingToken);
            lastRun = lastDue;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var due = _schedule.GetNextOccurrence(lastDue);
            var now = time.GetUtcNow().UtcDateTime;
            try
            {
                // Timers cannot wait longer than about 49 days in one go: wait in steps of a day at most.
                while (due > now)
                {
                    await Task.Delay(Min(due - now, TimeSpan.FromDays(1)), time, stoppingToken);
                    now = time.GetUtcNow().UtcDateTime;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            now = time.GetUtcNow().UtcDateTime;
            await FireAsync(due, isPastDue: now - due > TimeSpan.FromSeconds(30), lastRun, stoppingToken);
            lastRun = due;

            // Occurrences missed while a run was going (or the clock jumped) give one late run, not one per occurrence.
            lastDue = now > due ? now : due;
        }
    }

    private async Task FireAsync(DateTime due, bool isPastDue, DateTime? last, CancellationToken stoppingToken)
    {
        var timer = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject
            {
                ["Last"] = Iso(last ?? DateTime.MinValue),
                ["Next"] = Iso(_schedule.GetNextOccurrence(due)),
                ["LastUpdated"] = Iso(due),
            },
            ["IsPastDue"] = isPastDue,
        };
        try
        {
            if (!await invoker.InvokeAsync(function.Name, new JsonObject { [function.Trigger.Name] = timer }, [], stoppingToken))
            {
                logger.LogError("Timer function {Function} failed for its {Due:O} run.", function.Name, due);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Timer function {Function} could not be invoked for its {Due:O} run.", function.Name, due);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
