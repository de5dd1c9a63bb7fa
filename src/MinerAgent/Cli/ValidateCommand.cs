using System.CommandLine;
using PoNasOrleans.MinerAgent.Mining;
using PoNasOrleans.Training;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// <c>ponas validate</c>: the agent in the devnet's validator role: connects to the pool like <c>mine</c>, pulls the
/// claims to judge, measures each model on the released test split and submits the measurement; the chain judges.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var minerId = new Option<string>("--miner-id") { Description = "this agent's miner id, as the pool registered it", Required = true };
        var credential = new Option<string?>("--credential") { Description = $"the pool-issued credential (default: ${MineCommand.CredentialVariable})" };
        var idle = new Option<double>("--idle") { Description = "seconds to wait before pulling again when there is no claim to judge", DefaultValueFactory = _ => 5 };
        var quantization = new Option<string>("--quantization") { Description = "post-training (the reference) or aware: the fixed-point accuracy; none: full precision", DefaultValueFactory = _ => "post-training" };
        quantization.AcceptOnlyFromAmong("post-training", "aware", "none");
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice)" };
        var device = new Option<string>("--device") { Description = "where to measure: cpu, cuda, or auto (CUDA when available)", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var once = new Option<bool>("--once") { Description = "judge at most one claim (waiting for one), then exit" };
        var connection = SearchCommand.StorageConnectionOption();

        var pool = new PoolSwitches();
        var telemetry = new TelemetrySwitches();
        var command = new Command("validate", "Validator role (devnet): pull claims, download and check each model, measure it on the released test split, submit the measurement; stop on SIGTERM")
        {
            minerId, credential, idle, quantization, threads, device, once, connection,
        };
        pool.AddTo(command);
        telemetry.AddTo(command);
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var secret = parse.GetValue(credential) ?? Environment.GetEnvironmentVariable(MineCommand.CredentialVariable);
            if (string.IsNullOrEmpty(secret))
            {
                throw new ArgumentException($"a credential is required: --credential or ${MineCommand.CredentialVariable}");
            }

            var seconds = parse.GetValue(idle);
            if (seconds is not (> 0 and <= 3600))
            {
                throw new ArgumentException("--idle must lie in (0, 3600] seconds");
            }

            if (parse.GetValue(threads) is < 1)
            {
                throw new ArgumentException("--threads must be at least 1");
            }

            var settings = new ValidatorSettings(
                parse.GetRequiredValue(minerId), secret, TimeSpan.FromSeconds(seconds), parse.GetValue(once),
                SearchCommand.Mode(parse.GetRequiredValue(quantization)),
                new TorchRuntimeOptions { IntraOpThreads = parse.GetValue(threads), Device = Device(parse.GetRequiredValue(device)) },
                parse.GetValue(connection));
            return new ValidateRun(console, settings, pool.Read(parse), telemetry.Read(parse)).Execute();
        }));
        return command;
    }

    private static DevicePreference Device(string name) => name switch
    {
        "cpu" => DevicePreference.Cpu,
        "cuda" => DevicePreference.Cuda,
        _ => DevicePreference.Auto,
    };
}
