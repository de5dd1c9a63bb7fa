using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Reports;

/// <summary>
/// The pool's checks of an untrusted episode report against the task: the subspace the miner was assigned, the
/// task's number of layers, the task's FPGA model and constraints (the estimate is recomputed, not believed),
/// a reward in [0, 1] and 0 for an infeasible architecture, and the next expected sequence number.
/// </summary>
public sealed class ReportCheck(SearchSpace subspace, int layers, IFpgaCostModel fpga, FpgaConstraints constraints)
{
    /// <summary>Relative tolerance on the claimed throughput (a double printed and parsed back).</summary>
    public const double ThroughputTolerance = 1e-9;

    /// <summary>Checks a report; <paramref name="expectedSequence"/> is the next sequence the pool expects from this miner.</summary>
    public ReportVerdict Check(EpisodeReport report, long expectedSequence)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Sequence != expectedSequence)
        {
            return ReportVerdict.Refuse(ReportRefusal.OutOfSequence, $"episode {report.Sequence} is out of sequence: the next expected is {expectedSequence}");
        }

        if (report.Architecture.Layers.Length != layers)
        {
            return ReportVerdict.Refuse(ReportRefusal.WrongLayerCount, $"episode {report.Sequence}: {report.Architecture.Layers.Length} layers, the task has {layers}");
        }

        for (var i = 0; i < report.Architecture.Layers.Length; i++)
        {
            foreach (var hyperparameter in Hyperparameters.All)
            {
                var value = report.Architecture.Layers[i][hyperparameter];
                if (!subspace[hyperparameter].Contains(value))
                {
                    return ReportVerdict.Refuse(ReportRefusal.OutsideSubspace, $"episode {report.Sequence}: layer {i + 1}, key '{hyperparameter.Key()}': value {value} is not in the subspace {subspace.Describe(hyperparameter)}");
                }
            }
        }

        if (!double.IsFinite(report.Reward) || report.Reward is < 0 or > 1)
        {
            return ReportVerdict.Refuse(ReportRefusal.RewardOutOfRange, $"episode {report.Sequence}: reward {report.Reward} is not an accuracy in [0, 1]");
        }

        var estimate = fpga.Estimate(report.Architecture, constraints);
        if (estimate.Luts != report.Luts || estimate.Feasible != report.Feasible || !SameThroughput(estimate.Throughput, report.Throughput))
        {
            return ReportVerdict.Refuse(
                ReportRefusal.HardwareMismatch,
                $"episode {report.Sequence}: claimed {report.Luts} LUTs, {report.Throughput} images/s, feasible {report.Feasible}; the pool's {fpga.Name} estimate is {estimate.Luts} LUTs, {estimate.Throughput} images/s, feasible {estimate.Feasible}");
        }

        if (!estimate.Feasible && report.Reward > 0)
        {
            return ReportVerdict.Refuse(ReportRefusal.RewardForInfeasible, $"episode {report.Sequence}: reward {report.Reward} for an infeasible architecture (must be 0)");
        }

        return ReportVerdict.Accepted;
    }

    private static bool SameThroughput(double expected, double claimed) =>
        Math.Abs(expected - claimed) <= ThroughputTolerance * Math.Max(1, Math.Abs(expected));
}
