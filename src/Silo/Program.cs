// The pool manager host. For now it runs a single development silo on localhost; Azure clustering, grain
// storage, the JSON API and telemetry arrive with the "Pool on Orleans" work.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseLocalhostClustering());
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
await app.RunAsync();
