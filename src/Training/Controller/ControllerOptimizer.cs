namespace PoNasOrleans.Training.Controller;

/// <summary>The optimizer of the controller's REINFORCE updates.</summary>
public enum ControllerOptimizer
{
    /// <summary>Adam (Zoph and Le used Adam with 6e-4).</summary>
    Adam,

    /// <summary>Plain SGD (the reference's choice, with a high rate such as 0.2–0.5).</summary>
    Sgd,
}
