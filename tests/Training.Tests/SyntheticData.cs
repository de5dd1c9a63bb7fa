using PoNasOrleans.Datasets;
using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests;

/// <summary>A small synthetic training/validation split as tensors, shared by the tests of a class.</summary>
public sealed class SyntheticData : IDisposable
{
    public SyntheticData()
    {
        var (train, _) = SyntheticCifar.Generate(new SyntheticOptions(2000, 1, 17));
        var split = TrainValidationSplit.Of(train, 0.2, 17);
        Train = ImageTensors.From(split.Train, CPU);
        Validation = ImageTensors.From(split.Validation, CPU);
    }

    public ImageTensors Train { get; }

    public ImageTensors Validation { get; }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
