using PoNasOrleans.Experiments;

// The paper's experiments (section 4) on a real local pool; docs/experiments.md.
return ExperimentCommand.Run(args, Console.Out, Console.Error);
