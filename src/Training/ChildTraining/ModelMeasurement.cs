using PoNasOrleans.Nas.Space;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.ChildTraining;

/// <summary>
/// Measures a trained model from its bytes, as the chain's validators and the pool's measuring miner do at validation
/// time: a fresh <see cref="ChildNetwork"/> of the architecture (with the options' quantization mode; the fixed-point
/// formats come from the architecture's layers), the weights loaded from the bytes
/// <see cref="ChildTrainer.Train"/> writes to its <c>trainedModel</c> stream (TorchSharp's module format), and the
/// accuracy computed by <see cref="ChildTrainer.Evaluate"/> with the same options, so it is exactly what the trainer
/// would measure on the same images.
/// </summary>
/// <remarks>
/// The bytes hold the tensors' names, shapes and values, not the architecture: a model of another architecture is
/// refused when any tensor's shape differs (kernel sizes, filter counts, and through the head's input width, most
/// stride and pool changes), but weights whose shapes all fit (another architecture differing only in fixed-point
/// bits, say) load as they are. The chain binds a model to its architecture through the commitment.
/// </remarks>
public sealed class ModelMeasurement(TrainingOptions options, Device device)
{
    private readonly ChildTrainer trainer = new(options, device);

    /// <summary>The settings: <see cref="TrainingOptions.Quantization"/> and <see cref="TrainingOptions.BatchSize"/> matter here.</summary>
    public TrainingOptions Options => trainer.Options;

    /// <summary>
    /// The accuracy of the model on <paramref name="images"/>, in evaluation mode (fixed point unless the quantization
    /// mode is <see cref="QuantizationMode.None"/>). Throws <see cref="InvalidDataException"/> when the bytes are not a
    /// saved network of this architecture (see <see cref="Load"/>).
    /// </summary>
    public double Measure(Architecture architecture, ReadOnlyMemory<byte> model, ImageTensors images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var network = Load(architecture, model);
        return trainer.Evaluate(network, images);
    }

    /// <summary>
    /// A network of the architecture with the model's weights, on the device; the caller disposes it. Throws
    /// <see cref="InvalidDataException"/> naming the problem when the bytes are empty, truncated, followed by extra bytes,
    /// not a saved TorchSharp module, or a network whose tensors differ in name, type or shape from this architecture's.
    /// </summary>
    public ChildNetwork Load(Architecture architecture, ReadOnlyMemory<byte> model)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var network = new ChildNetwork(architecture, Options.Quantization);
        try
        {
            TrainedModelFormat.Check(network.state_dict(), model.Span);
            using (NewDisposeScope())
            {
                // on the CPU, where the network was built; TorchSharp's loader leaves temporary wrappers for the scope
                network.load(new MemoryStream(model.ToArray(), writable: false), strict: true);
            }

            // outside the scope: moving to another device replaces the parameters, which the network must keep
            network.to(device);
            network.eval();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
