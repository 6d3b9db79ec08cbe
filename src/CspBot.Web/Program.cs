using CspBot.Web.Graph;
using CspBot.Web.Hosting;
using CspBot.Web.Teams;

var builder = WebApplication.CreateBuilder(args);
builder.ValidateProductionConfiguration();

builder.AddTelemetry();

builder.AddPartnershipData();
builder.AddApplicationClock();
builder.AddScheduling();
builder.AddTeamsBot();
builder.AddGraph();
builder.AddOperationsApi();

var app = builder.Build();

await app.PreparePartnershipDataAsync();

app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapPublicPages();
app.MapTeamsBot();
app.MapOperationsApi();
app.MapSchedulingDashboard();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
