using System.Security.Cryptography;
using System.Text;

namespace PoNasOrleans.Silo.Api;

/// <summary>
/// The operator's key for the API's writing endpoints (open a block, register a miner, close a block), from
/// configuration <c>Pool:OperatorKey</c>; sent in the <c>X-Operator-Key</c> header. Without a configured key the
/// writing endpoints are disabled and the API is read-only.
/// </summary>
public sealed class OperatorKey(string? key)
{
    /// <summary>The request header that carries the key.</summary>
    public const string Header = "X-Operator-Key";

    /// <summary>The shortest key accepted in configuration.</summary>
    public const int MinLength = 16;

    /// <summary>Null when the request may write, else the response that refuses it.</summary>
    public IResult? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (key is null)
        {
            return Results.Problem($"the operator endpoints are disabled: configure Pool:OperatorKey (at least {MinLength} characters)", statusCode: StatusCodes.Status403Forbidden);
        }

        var given = request.Headers[Header].ToString();
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            ? null
            : Results.Problem($"the {Header} header is missing or wrong", statusCode: StatusCodes.Status401Unauthorized);
    }
}
