namespace PoNasOrleans.Nas.Presets;

/// <summary>A problem found in a preset and how it was handled (the preset still loads).</summary>
/// <param name="Space">The space of the preset concerned ("full", "S3", …).</param>
/// <param name="Key">The hyperparameter key concerned, or a short topic.</param>
/// <param name="Message">What was wrong and what was done about it.</param>
public sealed record PresetWarning(string Space, string Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Space}, {Key}: {Message}";
}
