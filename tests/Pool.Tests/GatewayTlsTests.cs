using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// TLS on the silo's gateway (docs/silo.md, "TLS"): a silo with a self-signed certificate; an agent that pins the
/// certificate's SHA-256 mines through it; one that pins another hash, and one without TLS, never reach the pool.
/// </summary>
public sealed class GatewayTlsTests : IDisposable
{
    private static readonly string[] AgentArguments = ["--dataset", "synth", "--synth-images", "300", "--threads", "1", "--batch-size", "64", "--heartbeat", "1"];

    private readonly string folder = Directory.CreateTempSubdirectory("ponas-tls-").FullName;

    [Fact]
    public async Task An_agent_pinning_the_silos_certificate_mines_through_tls_and_agents_with_another_pin_or_without_tls_are_kept_out()
    {
        const string password = "pfx-password";
        using var certificate = SelfSigned();
        var path = Path.Combine(folder, "silo.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, password));
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        using var fleet = await PoolFleet.Start(Builds.Silo, new Dictionary<string, string>
        {
            ["PONAS__TLS__CERTIFICATEPATH"] = path,
            ["PONAS__TLS__CERTIFICATEPASSWORD"] = password,
            ["PONAS__POOL__WAITRETRY"] = "00:00:01",
        });
        await fleet.OpenBlock(new
        {
            height = 1, space = SpaceJson.Write(PresetCatalog.Paper.Full), layers = 3, fpgaModel = "tiled", lutLimit = 100_000, minThroughput = 10.0,
            epochs = 1, trainImages = 270, partitioner = "balanced", subspaces = 3, seed = 3, episodesPerSubspace = 50,
            trainingPhase = "01:00:00", exploitEpochs = 1,
        });

        var pinned = fleet.StartAgent(Builds.Agent, "pinned", await fleet.Register("pinned", "pinned"), [.. AgentArguments, "--max-episodes", "2", "--tls-thumbprint", thumbprint]);
        var wrong = fleet.StartAgent(Builds.Agent, "wrong-pin", await fleet.Register("wrong-pin", "wrong pin"), [.. AgentArguments, "--tls-thumbprint", new string('A', 64)]);
        var plain = fleet.StartAgent(Builds.Agent, "plain", await fleet.Register("plain", "plain"), AgentArguments);

        Assert.True(pinned.WaitForExit(TimeSpan.FromMinutes(3)), pinned.Output);
        Assert.True(pinned.ExitCode == 0, pinned.Output);
        Assert.Contains("2 episodes accepted", pinned.Output, StringComparison.Ordinal);

        // the other two keep trying and never get in: the wrong pin is refused by the agent itself, the plain
        // connection by the silo's TLS handshake
        await Until(() => wrong.Output.Contains("does not match --tls-thumbprint", StringComparison.Ordinal), wrong);
        await Until(() => plain.Output.Contains("pool not reachable", StringComparison.Ordinal), plain);
        foreach (var id in new[] { "wrong-pin", "plain" })
        {
            var miner = await fleet.Get($"/api/miners/{id}");
            Assert.Equal((0L, "Silent"), (miner.GetProperty("episodes").GetInt64(), miner.GetProperty("status").GetString()));
        }

        Assert.DoesNotContain("calibrated", wrong.Output + plain.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A self-signed server certificate for 127.0.0.1 and localhost, made here (nothing is downloaded).</summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ponas-silo", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static async Task Until(Func<bool> condition, AgentProcess agent)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"{agent.MinerId}:\n{agent.Output}");
            Assert.False(agent.HasExited, $"{agent.MinerId} exited:\n{agent.Output}");
            await Task.Delay(200);
        }
    }
}
