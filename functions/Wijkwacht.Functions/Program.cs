using Wijkwacht.Agenda;
using Wijkwacht.Audit;
using Wijkwacht.Bookings;
using Wijkwacht.Calendar;
using Wijkwacht.Dev;
using Wijkwacht.Dossiers;
using Wijkwacht.Geography;
using Wijkwacht.Health;
using Wijkwacht.Hosting;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Messaging;
using Wijkwacht.Observations;
using Wijkwacht.Partners;
using Wijkwacht.Privacy;
using Wijkwacht.Problems;
using Wijkwacht.Scheduling;
using Wijkwacht.Storage;
using Wijkwacht.Time;
using Wijkwacht.Triggers;
using Wijkwacht.Webhooks;

var builder = WebApplication.CreateBuilder(HostingSetup.Options(args));

// Where settings come from and where we listen: the Functions host, or a local run
builder.AddFunctionsSettings();
builder.ListenForFunctionsHost();
builder.Services.AddSingleton(TimeProvider.System);
builder.AddWorkingDays();

// Errors, identity and JSON rules shared by every endpoint
builder.AddProblems();
builder.Services.AddOpenApi();
builder.AddRateLimits();
builder.AddClientPrincipalIdentity();
builder.AddSignedLinks();

// Azure resources and the ports over them
builder.AddStorage();
builder.AddAudit();
builder.AddMessaging();
builder.AddMail();
builder.AddCalendar();
builder.AddWebhooks();
builder.AddScheduling();

// Features
builder.AddGeography();
builder.AddObservations();
builder.AddPartners();
builder.AddAgenda();
builder.AddDossiers();
builder.AddDossierCoordination();
builder.AddBookings();
builder.AddPrivacy();

// Non-HTTP functions, and the local stand-in for the Functions host that drives them
builder.AddTriggers();

var app = builder.Build();

app.UseProblems();
app.UseStaticWeb();
app.UseDevSignIn();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

// The API's description, for the city's integrators: /api/openapi.json
app.MapOpenApi("/api/openapi.json").AllowAnonymous();
app.MapHealth();
app.MapIdentity();
app.MapObservations();
app.MapPartners();
app.MapDossiers();
app.MapDossierCoordination();
app.MapPartnerDossiers();
app.MapAgenda();
app.MapWebhooks();
app.MapBookings();
app.MapPrivacy();
app.MapAudit();
app.MapDev();
app.MapTriggers();

app.Run();

public partial class Program;
