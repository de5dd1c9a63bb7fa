using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Chain;

/// <summary>
/// The full node's checks of a revealed architecture against its task: readable architecture JSON, the task's
/// number of layers, every value in the task's space, feasible under the task's FPGA model and constraints (the
/// estimate is computed here, never taken from the participant).
/// </summary>
public sealed class ArchitectureCheck
{
    /// <summary>The longest architecture JSON read, in characters (32 layers take about 7,000).</summary>
    public const int MaxJsonLength = 65_536;

    private readonly int layers;
    private readonly SearchSpace space;
    private readonly IFpgaCostModel fpga;
    private readonly FpgaConstraints constraints;

    /// <summary>Creates the check of a task (which must pass <see cref="ChainTask.Check"/>).</summary>
    public ArchitectureCheck(ChainTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        layers = task.Layers;
        space = task.ParseSpace();
        fpga = task.CostModel();
        constraints = task.Constraints();
    }

    /// <summary>
    /// The architecture of <paramref name="json"/> when it passes every check; otherwise throws
    /// <see cref="ChainRefusedException"/> with <see cref="ChainRefusal.MalformedArchitecture"/>,
    /// <see cref="ChainRefusal.WrongLayerCount"/>, <see cref="ChainRefusal.OutsideSpace"/> or
    /// <see cref="ChainRefusal.HardwareViolation"/>, in that order of checking.
    /// </summary>
    public Architecture Check(string? json)
    {
        if (json is null || json.Length > MaxJsonLength)
        {
            throw new ChainRefusedException(ChainRefusal.MalformedArchitecture, $"the architecture JSON is missing or longer than {MaxJsonLength} characters");
        }

        Architecture architecture;
        try
        {
            architecture = ArchitectureJson.Parse(json);
        }
        catch (ArchitectureFormatException e)
        {
            throw new ChainRefusedException(ChainRefusal.MalformedArchitecture, $"the architecture is not readable: {e.Message}");
        }

        if (architecture.Layers.Length != layers)
        {
            throw new ChainRefusedException(ChainRefusal.WrongLayerCount, $"the architecture has {architecture.Layers.Length} layers, the task has {layers}");
        }

        if (!space.Contains(architecture))
        {
            throw new ChainRefusedException(ChainRefusal.OutsideSpace, $"the architecture leaves the task's space: {OutsideSpaceMessage(json)}");
        }

        var estimate = fpga.Estimate(architecture, constraints);
        if (!estimate.Feasible)
        {
            var why = estimate.Groups.IsEmpty
                ? $"no grouping of its layers fits {constraints.LutLimit} LUTs with a throughput above {constraints.MinThroughput} images/s"
                : $"{estimate.Luts} LUTs (limit {constraints.LutLimit}), {estimate.Throughput} images/s (must exceed {constraints.MinThroughput})";
            throw new ChainRefusedException(ChainRefusal.HardwareViolation, $"the architecture is infeasible under the {fpga.Name} model: {why}");
        }

        return architecture;
    }

    /// <summary>The reader's message naming the first layer and key outside the space.</summary>
    private string OutsideSpaceMessage(string json)
    {
        try
        {
            ArchitectureJson.Parse(json, space);
        }
        catch (ArchitectureFormatException e)
        {
            return e.Message;
        }

        throw new InvalidOperationException("the space does not contain the architecture, yet its reader accepts it");
    }
}
