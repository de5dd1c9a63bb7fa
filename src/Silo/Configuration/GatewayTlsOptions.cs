using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace PoNasOrleans.Silo.Configuration;

/// <summary>
/// TLS on the silo's Orleans connections (configuration section <c>Tls</c>, environment <c>PONAS__TLS__…</c>): the
/// gateway the agents connect to and the connections between silos. Off unless a certificate is given; in production
/// it should be on, since miners send their credentials over the gateway (docs/silo.md, "TLS").
/// </summary>
public sealed class GatewayTlsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Tls";

    /// <summary>The silo's certificate with its private key, as a PKCS #12 (.pfx) file; every silo of a cluster uses the same.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of the .pfx file, if any.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Whether TLS is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>The problems of this configuration, each naming its key; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!Enabled)
        {
            return string.IsNullOrEmpty(CertificatePassword) ? [] : [$"{Section}:CertificatePassword is set but {Section}:CertificatePath is not"];
        }

        try
        {
            using var certificate = Load();
            return certificate.HasPrivateKey ? [] : [$"{Section}:CertificatePath: {CertificatePath} holds no private key"];
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return [$"{Section}:CertificatePath: {CertificatePath} cannot be read as a PKCS #12 certificate ({e.Message.Trim()})"];
        }
    }

    /// <summary>The certificate (the caller disposes it).</summary>
    public X509Certificate2 Load() => X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword);

    /// <summary>
    /// Server side for agents (no client certificate asked for) and both sides between silos, which must present this
    /// same certificate (checked by its SHA-256 hash, so a self-signed certificate works) or one the machine trusts.
    /// </summary>
    public static void Apply(TlsOptions options, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        var own = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        options.RemoteCertificateMode = RemoteCertificateMode.AllowCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.AllowCertificate;
        options.RemoteCertificateValidation = (remote, _, errors) =>
            errors == SslPolicyErrors.None || remote.GetCertHashString(HashAlgorithmName.SHA256) == own;
    }
}
