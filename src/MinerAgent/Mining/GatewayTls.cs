using System.Net.Security;
using System.Security.Cryptography;
using Orleans.Connections.Security;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// TLS to the pool's gateway (<c>--tls</c>, docs/cli.md): the silo's certificate is accepted when the machine trusts
/// it for <paramref name="TargetHost"/>, or, with <paramref name="Thumbprint"/>, only when its SHA-256 hash is that one
/// (a pinned, e.g. self-signed, certificate). The agent presents no certificate: it proves who it is with its credential,
/// which TLS keeps from eavesdroppers.
/// </summary>
/// <param name="TargetHost">The host name the certificate must be issued for (the gateway's host in <c>--pool</c>).</param>
/// <param name="Thumbprint">The pinned SHA-256 hash of the silo's certificate (64 hex digits), if any.</param>
internal sealed record GatewayTls(string TargetHost, string? Thumbprint)
{
    /// <summary>Checks a <c>--tls-thumbprint</c> value: 64 hex digits (colons allowed), returned upper case without colons.</summary>
    public static string ParseThumbprint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit)
            ? hex
            : throw new ArgumentException($"--tls-thumbprint: '{text}' is not a SHA-256 certificate hash (64 hex digits)");
    }

    /// <summary>Configures Orleans' client TLS; a refused certificate is logged with the reason.</summary>
    public void Apply(TlsOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = TargetHost;
        options.RemoteCertificateValidation = (certificate, _, errors) =>
        {
            var hash = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            var accepted = Thumbprint is { } pinned ? hash == pinned : errors == SslPolicyErrors.None;
            if (!accepted)
            {
                log.WriteLine(Thumbprint is null
                    ? $"the pool's certificate {certificate.Subject} is not trusted for {TargetHost} ({errors}); pin it with --tls-thumbprint if it is self-signed"
                    : $"the pool's certificate {certificate.Subject} (SHA-256 {hash}) does not match --tls-thumbprint {Thumbprint}: refused");
            }

            return accepted;
        };
    }
}
