using System.Collections.Immutable;

namespace PoNasOrleans.Experiments.Pool;

/// <summary>A subspace of a finished block: its ranges and every episode the pool accepted in it.</summary>
/// <param name="Name">S1, S2, …</param>
/// <param name="Space">Its ranges as space JSON.</param>
/// <param name="Episodes">Its log in acceptance order.</param>
internal sealed record SubspaceLog(string Name, string Space, ImmutableArray<LoggedEpisode> Episodes)
{
    /// <summary>Its explorations in the controller's order (episode 1, 2, …).</summary>
    public ImmutableArray<LoggedEpisode> Explorations { get; } = [.. Episodes.Where(e => e.Explore).OrderBy(e => e.ControllerEpisodes)];

    /// <summary>The best reward after each exploration (the paper's Figures 2 and 3): non-decreasing, one value per episode.</summary>
    public ImmutableArray<double> Curve => BestSoFar(Explorations.Select(e => e.Reward));

    /// <summary>Its best reward, exploitations included (0 when nothing feasible was found).</summary>
    public double Best => Episodes.Select(e => e.Reward).DefaultIfEmpty(0).Max();

    /// <summary>The miners that explored it.</summary>
    public IEnumerable<string> Explorers => Explorations.Select(e => e.MinerId).Distinct();

    /// <summary>The running maximum of rewards.</summary>
    public static ImmutableArray<double> BestSoFar(IEnumerable<double> rewards)
    {
        var best = 0.0;
        return [.. rewards.Select(r => best = Math.Max(best, r))];
    }
}
