using System.Text;
using System.Text.Json;
using PoNasOrleans.Nas.Json;

namespace PoNasOrleans.Training.Search;

/// <summary>
/// The run log: one JSON line per episode, appended and flushed as each episode ends. A line is written before
/// the checkpoint that counts its episode, so after a crash the log may hold one episode more than the checkpoint;
/// resuming cuts it back to the checkpoint (that episode is run again and comes out the same).
/// </summary>
public sealed class EpisodeLog : IDisposable
{
    private readonly StreamWriter writer;

    private EpisodeLog(StreamWriter writer) => this.writer = writer;

    /// <summary>Starts a new log; refuses to overwrite an existing file (use resume).</summary>
    public static EpisodeLog Create(string path)
    {
        if (File.Exists(path))
        {
            throw new IOException($"{path} already exists: continue that run with --resume, or choose another --out");
        }

        return new EpisodeLog(new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write), new UTF8Encoding(false)));
    }

    /// <summary>Reopens the log of a run whose checkpoint counts <paramref name="episodes"/> episodes, cutting any later line.</summary>
    public static EpisodeLog Resume(string path, long episodes)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).Where(line => line.Length > 0).ToList() : [];
        if (lines.Count < episodes)
        {
            throw new InvalidDataException($"{path} has {lines.Count} episodes but the checkpoint has {episodes}: it is not the log of this run");
        }

        var kept = lines.Take((int)episodes).ToList();
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, kept, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
        return new EpisodeLog(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write), new UTF8Encoding(false)));
    }

    /// <summary>Appends one episode and flushes it to disk.</summary>
    public void Append(EpisodeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteLine(JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("episode", record.Episode);
            json.WritePropertyName("architecture");
            ArchitectureJson.Write(json, record.Architecture);
            json.WriteNumber("luts", record.Luts);
            json.WriteNumber("throughput", record.Throughput);
            json.WriteBoolean("feasible", record.Feasible);
            json.WriteNumber("reward", record.Reward);
            json.WriteNumber("best_so_far", record.BestSoFar);
            json.WriteNumber("seconds", Math.Round(record.Seconds, 3));
            json.WriteEndObject();
        }));
        writer.Flush();
        ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
    }

    /// <summary>Reads the rewards of a log's lines (for tools and tests).</summary>
    public static IReadOnlyList<(long Episode, string Architecture, double Reward)> Read(string path) =>
        [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return (root.GetProperty("episode").GetInt64(), root.GetProperty("architecture").GetRawText(), root.GetProperty("reward").GetDouble());
        })];

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();
}
