using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PoNasOrleans.AppHost;

/// <summary>
/// A mining agent's health: healthy once the pool holds its calibration (<c>GET /api/miners/{id}</c> shows its
/// strength). The dashboard shows it, and weak agents wait for the strong ones to be healthy, so that they calibrate
/// while the strong ones train instead of alone on an idle machine (which would measure them several times faster and
/// could make a weak agent strong).
/// </summary>
internal sealed class CalibrationCheck(Func<Uri> api, string minerId) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(api(), $"/api/miners/{minerId}"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"the pool answers {(int)response.StatusCode} for miner '{minerId}'");
            }

            using var miner = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return miner.RootElement.TryGetProperty("strength", out var strength) && strength.ValueKind == JsonValueKind.Object
                ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"calibrated: {strength.GetProperty("effective").GetDouble():F0} effective images/s"))
                : HealthCheckResult.Unhealthy("not calibrated yet");
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("the pool's API does not answer");
        }
    }
}
