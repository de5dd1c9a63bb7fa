using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Fpga;

/// <summary>An FPGA hardware cost model: LUTs and throughput of an architecture under constraints.</summary>
public interface IFpgaCostModel
{
    /// <summary>The model's name in the catalogue (<see cref="FpgaCostModels"/>).</summary>
    string Name { get; }

    /// <summary>Groups the layers, chooses their tilings and reports the best solution found.</summary>
    FpgaEstimate Estimate(Architecture architecture, FpgaConstraints constraints);
}
