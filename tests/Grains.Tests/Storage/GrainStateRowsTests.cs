using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Miners;
using PoNasOrleans.Grains.Storage;

namespace PoNasOrleans.Grains.Tests.Storage;

/// <summary>Grain storage "pool" on a real Azurite: a row of its own per grain, and states stored under the earlier row key still read.</summary>
[Collection(SharedPoolCluster.Name)]
public sealed class GrainStateRowsTests(PoolCluster pool)
{
    private static readonly MinerProfile Rig = new("rig 3", "cpu");

    private IGrainStorage Rows => pool.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("pool");

    private IGrainStorage Table => pool.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(GrainStateRows.TableStorage);

    [Fact]
    public async Task A_miners_state_is_stored_in_a_row_of_its_own()
    {
        var first = pool.Operator.GetGrain<IMinerGrain>($"rows-{Guid.NewGuid():N}");
        var second = pool.Operator.GetGrain<IMinerGrain>($"rows-{Guid.NewGuid():N}");
        await first.Register(Rig);
        await second.Register(Rig);

        var rows = new List<TableEntity>();
        foreach (var miner in new[] { first, second })
        {
            var key = GrainStateRows.RowKey("miner", miner.GetGrainId());
            var row = Assert.Single(await StateRows($"RowKey eq '{key}'"));
            Assert.Contains(miner.GetPrimaryKeyString(), row.PartitionKey, StringComparison.Ordinal);
            Assert.Matches("^miner~[0-9a-f]{16}$", row.RowKey);
            Assert.Empty(await StateRows($"PartitionKey eq '{row.PartitionKey}' and RowKey eq 'miner'"));
            rows.Add(row);
        }

        Assert.NotEqual(rows[0].RowKey, rows[1].RowKey);
    }

    [Fact]
    public async Task A_state_stored_under_the_state_name_alone_is_read_and_moves_to_its_own_row_with_the_next_write()
    {
        var registered = pool.Operator.GetGrain<IMinerGrain>($"rows-{Guid.NewGuid():N}");
        var credential = await registered.Register(Rig);
        var stored = new GrainState<MinerState>();
        await Rows.ReadStateAsync("miner", registered.GetGrainId(), stored);
        Assert.True(stored.RecordExists);

        // a miner stored by the earlier layout, whose grain has not been activated since
        var earlier = pool.Operator.GetGrain<IMinerGrain>($"rows-{Guid.NewGuid():N}");
        await Table.WriteStateAsync("miner", earlier.GetGrainId(), new GrainState<MinerState>(stored.State));
        var key = GrainStateRows.RowKey("miner", earlier.GetGrainId());
        Assert.Empty(await StateRows($"RowKey eq '{key}'"));

        var summary = await earlier.Describe();
        Assert.True(summary.Registered);
        Assert.Equal(Rig, summary.Profile);

        // its credential (the hash it was stored with) still works, and the heartbeat's store writes its own row
        var receipt = await earlier.Heartbeat(credential.Secret, 1);
        Assert.Equal(1, receipt.Heartbeats);
        Assert.Single(await StateRows($"RowKey eq '{key}'"));
        var reread = new GrainState<MinerState>();
        await Rows.ReadStateAsync("miner", earlier.GetGrainId(), reread);
        Assert.Equal((true, 1L, Rig), (reread.RecordExists, reread.State!.Heartbeats, reread.State.Profile));
    }

    [Fact]
    public async Task Clearing_a_state_clears_its_row_and_the_earlier_one()
    {
        var grain = GrainId.Create("miner", $"rows-{Guid.NewGuid():N}");
        await Table.WriteStateAsync("miner", grain, new GrainState<MinerState>(new MinerState { Profile = Rig, Heartbeats = 4 }));
        var state = new GrainState<MinerState>();
        await Rows.ReadStateAsync("miner", grain, state);
        Assert.Equal(4, state.State!.Heartbeats);
        state.State.Heartbeats = 5;
        await Rows.WriteStateAsync("miner", grain, state);

        await Rows.ClearStateAsync("miner", grain, state);

        var after = new GrainState<MinerState>();
        await Rows.ReadStateAsync("miner", grain, after);
        Assert.Equal((0L, null), (after.State!.Heartbeats, after.State.Profile));
    }

    private async Task<List<TableEntity>> StateRows(string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in pool.Tables.GetTableClient("OrleansGrainState").QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
