using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training.Controller;

namespace PoNasOrleans.Training.Search;

/// <summary>What a local single-miner search runs: how many episodes of which architectures, checked and trained how.</summary>
/// <param name="Layers">Layers per architecture (the paper: 6).</param>
/// <param name="Episodes">Episodes in all (a resumed run continues up to this number).</param>
/// <param name="Seed">Seed of the controller and of every episode's training.</param>
/// <param name="Fpga">The FPGA cost model that rejects infeasible candidates before training.</param>
/// <param name="Constraints">LUT and throughput constraints.</param>
/// <param name="Training">How a feasible candidate is trained and rewarded.</param>
/// <param name="Controller">The controller's settings.</param>
public sealed record SearchOptions(
    int Layers,
    int Episodes,
    ulong Seed,
    IFpgaCostModel Fpga,
    FpgaConstraints Constraints,
    TrainingOptions Training,
    ControllerOptions Controller)
{
    /// <summary>Throws naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Layers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "at least one layer");
        }

        if (Episodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Episodes), Episodes, "at least one episode");
        }

        ArgumentNullException.ThrowIfNull(Fpga);
        ArgumentNullException.ThrowIfNull(Constraints);
        Training.Validate();
        Controller.Validate();
    }

    /// <summary>The training seed of an episode, derived from the run's seed so that a resumed run trains the same way.</summary>
    public ulong EpisodeSeed(long episode) => Seed ^ (0x9E3779B97F4A7C15UL * (ulong)episode);
}
