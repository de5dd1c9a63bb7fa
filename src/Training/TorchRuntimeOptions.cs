namespace PoNasOrleans.Training;

/// <summary>How the Torch runtime of a miner is set up: device and thread counts (null keeps libtorch's default).</summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>The device preference; <see cref="DevicePreference.Auto"/> by default.</summary>
    public DevicePreference Device { get; init; } = DevicePreference.Auto;

    /// <summary>Threads for intra-op parallelism (<c>torch.set_num_threads</c>); null keeps the default.</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>
    /// Threads for inter-op parallelism (<c>torch.set_num_interop_threads</c>); null keeps the default. libtorch accepts
    /// a change only once per process and only before any inter-op work has started.
    /// </summary>
    public int? InteropThreads { get; init; }

    /// <summary>
    /// Capacity of oneDNN's primitive cache (<c>ONEDNN_PRIMITIVE_CACHE_CAPACITY</c>, libtorch's default 1024). Every
    /// architecture brings new convolution shapes, so a search fills a large cache with primitives it rarely reuses
    /// and the resident size climbs for hundreds of episodes; 64 holds one episode's primitives. Applies only when set
    /// before libtorch creates its first primitive; null keeps the environment's value.
    /// </summary>
    public int? PrimitiveCacheCapacity { get; init; } = 64;

    /// <summary>
    /// Capacity of ideep's operator cache (<c>LRU_CACHE_CAPACITY</c>, default 1024), which libtorch's oneDNN operations
    /// keep on top of oneDNN's primitive cache. A search fills it with operators of shapes it does not meet again (in
    /// the memory benchmark about 20 MB more in use on the native heap after 100 episodes than after 20); with 1, a miss
    /// is served from oneDNN's primitive cache and training measured as fast. Applies only when set before libtorch's
    /// first oneDNN operation; null keeps the environment's value.
    /// </summary>
    public int? OperatorCacheCapacity { get; init; } = 1;

    /// <summary>
    /// Whether MKL keeps freed buffers in its own pools for reuse (its fast memory manager); false, the default, sets
    /// <c>MKL_DISABLE_FAST_MM=1</c>. The pools grow to the largest buffers met (9 MB in a worker thread's pool
    /// during the memory benchmark's search) and are not returned; without them the buffers go back to the heap, which
    /// <see cref="TorchRuntime.ReleaseFreeMemory"/> trims. Applies only when set before MKL's first call; true keeps the
    /// environment's value.
    /// </summary>
    public bool MklBufferPool { get; init; }

    /// <summary>Throws when a thread count or cache capacity is out of range, or the device preference unknown.</summary>
    public void Validate()
    {
        if (IntraOpThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "intra-op threads must be at least 1 (or unset)");
        }

        if (InteropThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(InteropThreads), InteropThreads, "inter-op threads must be at least 1 (or unset)");
        }

        if (PrimitiveCacheCapacity is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PrimitiveCacheCapacity), PrimitiveCacheCapacity, "the primitive cache capacity must be 0 or more (or unset)");
        }

        if (OperatorCacheCapacity is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(OperatorCacheCapacity), OperatorCacheCapacity, "the operator cache capacity must be at least 1 (or unset)");
        }

        if (!Enum.IsDefined(Device))
        {
            throw new ArgumentOutOfRangeException(nameof(Device), Device, "unknown device preference");
        }
    }
}
