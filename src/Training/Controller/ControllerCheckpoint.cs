using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PoNasOrleans.Nas.Json;

namespace PoNasOrleans.Training.Controller;

/// <summary>
/// The controller's whole state as one stream: subspace, layers and options; episode counter, baseline, reward
/// history, random state and the rollouts waiting for the next update; then weights and optimizer state.
/// The body is followed by its SHA-256, so a truncated or altered checkpoint is refused instead of half-loaded.
/// </summary>
public static class ControllerCheckpoint
{
    private const string Magic = "PONASCTL";
    private const int Version = 1;

    /// <summary>Writes the controller's state to the stream.</summary>
    public static void Write(Stream stream, ArchitectureController controller)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(controller);
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(SpaceJson.Write(controller.Subspace));
            writer.Write(controller.Layers);
            var options = controller.Options;
            writer.Write((int)options.Optimizer);
            writer.Write(options.LearningRate);
            writer.Write(options.RolloutsPerUpdate);
            writer.Write(options.HiddenSize);
            writer.Write(options.BaselineWindow);
            writer.Write(controller.BaselineCount);
            writer.Write(controller.Baseline);
            writer.Write(controller.Rewards.Count);
            foreach (var reward in controller.Rewards)
            {
                writer.Write(reward);
            }

            foreach (var word in controller.RandomState)
            {
                writer.Write(word);
            }

            writer.Write(controller.Pending.Count);
            foreach (var (sample, reward) in controller.Pending)
            {
                WriteSample(writer, sample, reward);
            }

            controller.WriteWeights(writer);
        }

        using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        header.Write(Encoding.ASCII.GetBytes(Magic));
        header.Write(Version);
        header.Write(body.Length);
        header.Write(body.GetBuffer(), 0, (int)body.Length);
        header.Write(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));
        header.Flush();
    }

    /// <summary>Reads a controller; throws <see cref="InvalidDataException"/> saying what is wrong with a bad stream.</summary>
    public static ArchitectureController Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var body = ReadVerifiedBody(stream);
        using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        var subspace = SpaceJson.Parse(reader.ReadString());
        var layers = reader.ReadInt32();
        var options = new ControllerOptions((ControllerOptimizer)reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var baselineCount = reader.ReadInt64();
        var baselineValue = reader.ReadDouble();
        var history = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadDouble()).ToList();
        ImmutableArray<ulong> randomState = [reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64()];
        var pending = Enumerable.Range(0, reader.ReadInt32()).Select(_ => ReadSample(reader, subspace, layers)).ToList();
        var controller = new ArchitectureController(subspace, layers, seed: 0, options);
        try
        {
            controller.Restore(reader, randomState, baselineCount, baselineValue, history, pending);
            return controller;
        }
        catch
        {
            controller.Dispose();
            throw;
        }
    }

    private static byte[] ReadVerifiedBody(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            {
                throw new InvalidDataException("not a controller checkpoint (the header is missing)");
            }

            var version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"controller checkpoint version {version} is not supported (this build reads version {Version})");
            }

            var length = reader.ReadInt64();
            var body = reader.ReadBytes((int)Math.Min(length, int.MaxValue));
            var hash = reader.ReadBytes(32);
            if (body.Length != length || hash.Length != 32)
            {
                throw new InvalidDataException("the controller checkpoint is truncated");
            }

            if (!SHA256.HashData(body).AsSpan().SequenceEqual(hash))
            {
                throw new InvalidDataException("the controller checkpoint is corrupt (its checksum does not match)");
            }

            return body;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the controller checkpoint is truncated", e);
        }
    }

    private static void WriteSample(BinaryWriter writer, ControllerSample sample, double reward)
    {
        writer.Write(reward);
        writer.Write(sample.Start);
        writer.Write(sample.InitialState.Length);
        foreach (var value in sample.InitialState)
        {
            writer.Write(value);
        }

        writer.Write(sample.Choices.Length);
        foreach (var choice in sample.Choices)
        {
            writer.Write(choice);
        }

        writer.Write(ArchitectureJson.Write(sample.Architecture));
    }

    private static (ControllerSample, double) ReadSample(BinaryReader reader, Nas.Space.SearchSpace subspace, int layers)
    {
        var reward = reader.ReadDouble();
        var start = reader.ReadInt32();
        var state = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadSingle()).ToImmutableArray();
        var chosen = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadInt32()).ToImmutableArray();
        var architecture = ArchitectureJson.Parse(reader.ReadString(), subspace, layers);
        return (new ControllerSample(architecture, start, state, chosen), reward);
    }
}
