using System.Diagnostics;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training.Controller;

namespace PoNasOrleans.Training.Search;

/// <summary>
/// A single miner's NAS search over one subspace (nas-training.md, "One episode"): the controller samples, the FPGA
/// model rejects infeasible candidates with reward 0, feasible ones are trained for their reward, the controller
/// learns. After every episode the run log gets its line and the checkpoint is replaced, so a stopped run
/// (Ctrl-C, SIGTERM, a crash) continues with <see cref="Resume"/> exactly as if it had not stopped.
/// </summary>
public sealed class LocalSearch(SearchOptions options, ChildTrainer trainer, ImageTensors train, ImageTensors validation)
{
    /// <summary>The settings.</summary>
    public SearchOptions Options { get; } = Validated(options);

    /// <summary>Starts a run; refuses to overwrite an existing log or checkpoint.</summary>
    public SearchOutcome Start(SearchSpace subspace, string logPath, string checkpointPath, IProgress<EpisodeRecord>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(subspace);
        if (File.Exists(checkpointPath))
        {
            throw new IOException($"{checkpointPath} already exists: continue that run with --resume, or choose another --checkpoint");
        }

        using var controller = new ArchitectureController(subspace, Options.Layers, Options.Seed, Options.Controller);
        using var log = EpisodeLog.Create(logPath);
        return Run(controller, log, checkpointPath, progress, cancellation);
    }

    /// <summary>Continues a run from its checkpoint and log; the checkpoint must search <paramref name="subspace"/> with the same layer count.</summary>
    public SearchOutcome Resume(SearchSpace subspace, string logPath, string checkpointPath, IProgress<EpisodeRecord>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(subspace);
        using var controller = CheckpointFile.Load(checkpointPath);
        if (!controller.Subspace.Equals(subspace))
        {
            throw new InvalidDataException($"{checkpointPath} searches another space ({controller.Subspace}); resume with the space the run started with");
        }

        if (controller.Layers != Options.Layers)
        {
            throw new InvalidDataException($"{checkpointPath} searches {controller.Layers}-layer architectures, not {Options.Layers}");
        }

        using var log = EpisodeLog.Resume(logPath, controller.Episodes);
        return Run(controller, log, checkpointPath, progress, cancellation);
    }

    private SearchOutcome Run(ArchitectureController controller, EpisodeLog log, string checkpointPath, IProgress<EpisodeRecord>? progress, CancellationToken cancellation)
    {
        var best = controller.Rewards.DefaultIfEmpty(0).Max();
        while (controller.Episodes < Options.Episodes)
        {
            var episode = controller.Episodes + 1;
            var clock = Stopwatch.StartNew();
            var sample = controller.Sample();
            var estimate = Options.Fpga.Estimate(sample.Architecture, Options.Constraints);
            double reward;
            try
            {
                reward = estimate.Feasible
                    ? trainer.Train(sample.Architecture, train, validation, Options.EpisodeSeed(episode), cancellation: cancellation).Reward
                    : 0;
                cancellation.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                // the interrupted episode is dropped: the checkpoint holds the state before it, and a resumed run samples it again
                return new SearchOutcome(controller.Episodes, best, Interrupted: true);
            }

            TorchRuntime.ReleaseFreeMemory();
            controller.Record(sample, reward);
            best = Math.Max(best, reward);
            var record = new EpisodeRecord(episode, sample.Architecture, estimate.Luts, estimate.Throughput, estimate.Feasible, reward, best, clock.Elapsed.TotalSeconds);
            log.Append(record);
            CheckpointFile.Save(checkpointPath, controller);
            progress?.Report(record);
        }

        return new SearchOutcome(controller.Episodes, best, Interrupted: false);
    }

    private static SearchOptions Validated(SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
