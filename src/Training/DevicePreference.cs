namespace PoNasOrleans.Training;

/// <summary>Which device trains child networks.</summary>
public enum DevicePreference
{
    /// <summary>CUDA when <c>torch.cuda.is_available()</c>, else the CPU.</summary>
    Auto,

    /// <summary>Always the CPU.</summary>
    Cpu,

    /// <summary>CUDA; configuring fails when it is not available.</summary>
    Cuda,
}
