namespace Wijkwacht.Calendar;

internal enum CalendarTransport
{
    Table,
    Graph,
}

internal static class CalendarSetup
{
    public static void AddCalendar(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Calendar:Transport", CalendarTransport.Table) == CalendarTransport.Graph)
        {
            // The function app's managed identity, with the Calendars.ReadWrite application permission on Graph.
            builder.Services.AddKeyedSingleton(nameof(IOfficerCalendar), (_, _) => new Microsoft.Graph.GraphServiceClient(new Azure.Identity.DefaultAzureCredential(), ["https://graph.microsoft.com/.default"]));
            builder.Services.AddSingleton<IOfficerCalendar>(sp => new GraphOfficerCalendar(sp.GetRequiredKeyedService<Microsoft.Graph.GraphServiceClient>(nameof(IOfficerCalendar))));
        }
        else
        {
            builder.Services.AddSingleton<IOfficerCalendar, TableOfficerCalendar>();
        }
    }
}
