using CspBot.Web.Console;
using CspBot.Web.Graph;
using CspBot.Web.Hosting;
using CspBot.Web.Teams;

var builder = WebApplication.CreateBuilder(args);
builder.ValidateProductionConfiguration();

builder.AddTelemetry();
builder.AddFrontEnd();

builder.AddPartnershipData();
builder.AddApplicationClock();
builder.AddScheduling();
builder.AddTeamsBot();
builder.AddGraph();
builder.AddOperationsApi();
builder.AddConsole();

var app = builder.Build();

await app.PreparePartnershipDataAsync();

app.UseFrontEnd();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapPublicPages();
app.MapTeamsBot();
app.MapOperationsApi();
app.MapSchedulingDashboard();
app.MapConsole();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
