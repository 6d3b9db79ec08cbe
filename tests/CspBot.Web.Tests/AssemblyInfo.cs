// Each test starts a whole host. Hangfire keeps some state process-wide (its log provider and default storage), so
// hosts overlapping in time can log through a host that has just been disposed; one host at a time keeps runs honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
