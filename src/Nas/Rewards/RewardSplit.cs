using System.Collections.Immutable;
using System.Text;

namespace PoNasOrleans.Nas.Rewards;

/// <summary>
/// How a won block's reward is shared (consensus-and-pool.md, "Rewards by contribution"; formulas and examples in
/// docs/rewards.md). All amounts are integers in the smallest unit and <c>PoolFee + Σ Payouts == Reward</c> exactly:
/// <list type="number">
/// <item>pool fee = ⌊reward × feeBps / 10000⌋;</item>
/// <item>finder bonus = ⌊(reward − fee) × bonusBps / 10000⌋, paid to the finder; with no finder it is 0 and stays in the pot;</item>
/// <item>the pot, reward − fee − bonus, is split in proportion to work units: each miner gets ⌊pot × w / W⌋ and the
/// units left over go one each to the largest remainders (pot × w mod W), ties to the smaller miner id (ordinal).</item>
/// </list>
/// When no miner has work units the pot goes to the finder, or, with no finder, is kept by the pool and counted in
/// <see cref="PoolFee"/>. Arithmetic is 128-bit integer throughout, so nothing overflows or depends on floating point,
/// and the result does not depend on the order of the miners.
/// </summary>
public sealed record RewardSplit
{
    /// <summary>Basis points in a whole (100 %).</summary>
    public const int BasisPointsPerWhole = 10_000;

    private RewardSplit(long reward, long poolFee, string? finderId, long finderBonus, ImmutableSortedDictionary<string, long> payouts)
    {
        Reward = reward;
        PoolFee = poolFee;
        FinderId = finderId;
        FinderBonus = finderBonus;
        Payouts = payouts;
    }

    /// <summary>The block reward that was split.</summary>
    public long Reward { get; }

    /// <summary>What the pool keeps: the fee, plus the whole pot when no miner has work units and there is no finder.</summary>
    public long PoolFee { get; }

    /// <summary>The miner whose model won the block, or null when the winning model has no single finder.</summary>
    public string? FinderId { get; }

    /// <summary>The finder bonus, included in the finder's payout; 0 when there is no finder.</summary>
    public long FinderBonus { get; }

    /// <summary>Every miner's payout, zero-work miners included with 0, ordered by miner id (ordinal).</summary>
    public ImmutableSortedDictionary<string, long> Payouts { get; }

    /// <summary>Splits a block reward.</summary>
    /// <param name="reward">The block reward in the smallest unit, ≥ 0.</param>
    /// <param name="poolFeeBasisPoints">The pool fee, 0–10000 basis points of the reward.</param>
    /// <param name="finderBonusBasisPoints">The finder bonus, 0–10000 basis points of the reward after the fee.
    /// Because it is taken from what the fee leaves, fee + bonus never exceeds the reward for any pair in range.</param>
    /// <param name="finderId">The miner whose model won, one of <paramref name="workUnits"/>; null when there is no single finder.</param>
    /// <param name="workUnits">Each miner's work units in the block (miner id → units ≥ 0); ids non-blank and distinct (ordinal).</param>
    /// <exception cref="ArgumentException">An argument is out of range or malformed; the exception names it.</exception>
    public static RewardSplit Of(long reward, int poolFeeBasisPoints, int finderBonusBasisPoints, string? finderId, IEnumerable<KeyValuePair<string, long>> workUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reward);
        ArgumentOutOfRangeException.ThrowIfNegative(poolFeeBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(poolFeeBasisPoints, BasisPointsPerWhole);
        ArgumentOutOfRangeException.ThrowIfNegative(finderBonusBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(finderBonusBasisPoints, BasisPointsPerWhole);
        ArgumentNullException.ThrowIfNull(workUnits);

        var miners = ReadMiners(workUnits);
        if (finderId is not null && !miners.ContainsKey(finderId))
        {
            throw new ArgumentException($"the finder '{finderId}' is not one of the miners", nameof(finderId));
        }

        var fee = (long)((Int128)reward * poolFeeBasisPoints / BasisPointsPerWhole);
        var afterFee = reward - fee;
        var bonus = finderId is null ? 0 : (long)((Int128)afterFee * finderBonusBasisPoints / BasisPointsPerWhole);
        var pot = afterFee - bonus;

        var payouts = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        Int128 totalWork = 0;
        foreach (var (id, units) in miners)
        {
            payouts[id] = 0;
            totalWork += units;
        }

        if (totalWork == 0)
        {
            if (finderId is null)
            {
                fee += pot;
            }
            else
            {
                payouts[finderId] = afterFee;
            }
        }
        else
        {
            SplitPot(pot, totalWork, miners, payouts);
            if (finderId is not null)
            {
                payouts[finderId] += bonus;
            }
        }

        return new RewardSplit(reward, fee, finderId, bonus, payouts.ToImmutable());
    }

    /// <inheritdoc />
    public bool Equals(RewardSplit? other) =>
        other is not null
        && Reward == other.Reward
        && PoolFee == other.PoolFee
        && string.Equals(FinderId, other.FinderId, StringComparison.Ordinal)
        && FinderBonus == other.FinderBonus
        && Payouts.Count == other.Payouts.Count
        && Payouts.Zip(other.Payouts).All(pair => string.Equals(pair.First.Key, pair.Second.Key, StringComparison.Ordinal) && pair.First.Value == pair.Second.Value);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Reward);
        hash.Add(PoolFee);
        hash.Add(FinderId, StringComparer.Ordinal);
        hash.Add(FinderBonus);
        foreach (var (id, amount) in Payouts)
        {
            hash.Add(id, StringComparer.Ordinal);
            hash.Add(amount);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Reward = ").Append(Reward)
            .Append(", PoolFee = ").Append(PoolFee)
            .Append(", FinderId = ").Append(FinderId ?? "null")
            .Append(", FinderBonus = ").Append(FinderBonus)
            .Append(", Payouts = { ").AppendJoin(", ", Payouts.Select(p => $"{p.Key}: {p.Value}")).Append(" }");
        return true;
    }

    private static Dictionary<string, long> ReadMiners(IEnumerable<KeyValuePair<string, long>> workUnits)
    {
        var miners = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, units) in workUnits)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("a miner id is null, empty or blank", nameof(workUnits));
            }

            if (units < 0)
            {
                throw new ArgumentException($"miner '{id}' has negative work units ({units})", nameof(workUnits));
            }

            if (!miners.TryAdd(id, units))
            {
                throw new ArgumentException($"miner '{id}' appears more than once", nameof(workUnits));
            }
        }

        return miners;
    }

    /// <summary>Largest-remainder apportionment of the pot over miners with total work <paramref name="totalWork"/> &gt; 0.</summary>
    private static void SplitPot(long pot, Int128 totalWork, Dictionary<string, long> miners, ImmutableSortedDictionary<string, long>.Builder payouts)
    {
        // pot < 2^63 and units < 2^63, so pot × units < 2^126 fits in Int128 whatever the total.
        var shares = new List<(string Id, Int128 Remainder)>(miners.Count);
        Int128 paid = 0;
        foreach (var (id, units) in miners)
        {
            var exact = (Int128)pot * units;
            var floor = exact / totalWork;
            payouts[id] = (long)floor;
            paid += floor;
            shares.Add((id, exact % totalWork));
        }

        // Σ remainders = left × W and each remainder < W, so more than `left` miners have a positive remainder and
        // a zero-work miner (remainder 0) never gets a unit.
        var left = (int)(pot - paid);
        shares.Sort((a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : string.CompareOrdinal(a.Id, b.Id));
        for (var i = 0; i < left; i++)
        {
            payouts[shares[i].Id] += 1;
        }
    }
}
