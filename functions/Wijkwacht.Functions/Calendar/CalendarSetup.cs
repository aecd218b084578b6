using Wijkwacht.Mail;

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
            // The managed identity needs the Calendars.ReadWrite application permission on Graph.
            builder.Services.AddGraph();
            builder.Services.AddSingleton<IOfficerCalendar, GraphOfficerCalendar>();
        }
        else
        {
            builder.Services.AddSingleton<IOfficerCalendar, TableOfficerCalendar>();
        }
    }
}
