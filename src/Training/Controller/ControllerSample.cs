using System.Collections.Immutable;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Training.Controller;

/// <summary>
/// One architecture the controller sampled, with what is needed to replay its log-probability in an update:
/// the random first input, the random initial LSTM state and the chosen indices.
/// </summary>
public sealed record ControllerSample(Architecture Architecture, int Start, ImmutableArray<float> InitialState, ImmutableArray<int> Choices);
