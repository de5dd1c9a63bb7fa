using System.Diagnostics.Metrics;

namespace PoNasOrleans.Grains.Tests.Telemetry;

/// <summary>One measurement of an instrument with its tags.</summary>
internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>The measurements of one meter instance (not of other silos' meters of the same name in this process) while it lives.</summary>
internal sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<Recorded> measurements = [];
    private readonly Lock gate = new();

    public RecordedMeasurements(Meter meter)
    {
        listener.InstrumentPublished = (instrument, listening) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listening.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The measurements so far, after reading the observable instruments once more.</summary>
    public IReadOnlyList<Recorded> Read()
    {
        listener.RecordObservableInstruments();
        lock (gate)
        {
            return [.. measurements];
        }
    }

    /// <summary>The sum of an instrument's measurements whose tags include <paramref name="tag"/>.</summary>
    public double Sum(string instrument, (string Key, string Value) tag) =>
        Read().Where(m => m.Instrument == instrument && m.Tags.GetValueOrDefault(tag.Key) == tag.Value).Sum(m => m.Value);

    /// <summary>The latest observation of an observable gauge with the tag (null when it reported none).</summary>
    public double? Latest(string instrument, (string Key, string Value) tag) =>
        Read().LastOrDefault(m => m.Instrument == instrument && m.Tags.GetValueOrDefault(tag.Key) == tag.Value)?.Value;

    public void Dispose() => listener.Dispose();

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        var recorded = new Recorded(instrument.Name, value.ToDouble(System.Globalization.CultureInfo.InvariantCulture), tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()));
        lock (gate)
        {
            measurements.Add(recorded);
        }
    }
}
