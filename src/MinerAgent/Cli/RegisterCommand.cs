using System.CommandLine;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// <c>ponas register</c>: the operator issues a miner's credential through the pool's API
/// (<c>POST /api/miners</c> with the operator key; docs/api.md). The pool stores only a salted hash of it, so this is
/// the only time it is shown.
/// </summary>
internal static class RegisterCommand
{
    /// <summary>The environment variable that may hold the operator key instead of <c>--operator-key</c>.</summary>
    public const string OperatorKeyVariable = "PONAS_OPERATOR_KEY";

    public static Command Create(CliConsole console)
    {
        var api = new Option<string>("--api") { Description = "the pool's HTTP address (the silo's --urls), e.g. http://localhost:5000", Required = true, HelpName = "URL" };
        var minerId = new Option<string>("--miner-id") { Description = "the new miner's id: 1–64 letters, digits, '-' or '_', starting with a letter or digit", Required = true, HelpName = "ID" };
        var name = new Option<string>("--name") { Description = "a display name for dashboards (1–64 printable characters)", Required = true, HelpName = "NAME" };
        var device = new Option<string>("--device") { Description = "the miner's device: cpu or cuda", DefaultValueFactory = _ => "cuda", HelpName = "cpu|cuda" };
        var key = new Option<string?>("--operator-key") { Description = $"the pool's operator key (Pool:OperatorKey; default ${OperatorKeyVariable})", HelpName = "KEY" };
        var command = new Command("register", "Register a miner with the pool and print the credential its agent needs (shown only this once)")
        {
            api, minerId, name, device, key,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var client = PoolApiClient.For(parse.GetRequiredValue(api), "--api");
            var id = parse.GetRequiredValue(minerId);
            if (!MinerIds.IsValid(id))
            {
                throw new ArgumentException($"--miner-id: '{id}' is not a miner id ({MinerIds.Rule})");
            }

            var operatorKey = parse.GetValue(key) ?? Environment.GetEnvironmentVariable(OperatorKeyVariable);
            if (string.IsNullOrEmpty(operatorKey))
            {
                throw new ArgumentException($"the operator key is required: --operator-key or ${OperatorKeyVariable}");
            }

            using var answer = client.Post("api/miners", new { minerId = id, displayName = parse.GetRequiredValue(name), device = parse.GetValue(device) }, operatorKey);
            var credential = answer.RootElement.TryGetProperty("credential", out var secret) && secret.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException("the pool's answer carries no credential");
            console.Out.WriteLine($"miner '{id}' registered; its credential (shown only now; give it to its agent as --credential or $PONAS_MINER_CREDENTIAL):");
            console.Out.WriteLine(credential);
            return 0;
        }));
        return command;
    }
}
