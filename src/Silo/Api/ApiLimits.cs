namespace PoNasOrleans.Silo.Api;

/// <summary>Limits of the JSON API.</summary>
public static class ApiLimits
{
    /// <summary>The largest request body the API reads (a block task with a space is a few KiB); larger ones get 413.</summary>
    public const long MaxRequestBytes = 1024 * 1024;
}
