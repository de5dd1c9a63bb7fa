// The tests share process-wide libtorch state (live tensor count, thread counts, random seed): run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
