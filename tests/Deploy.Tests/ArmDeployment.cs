using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PoNasOrleans.Deploy.Tests;

/// <summary>
/// A compiled ARM template (the root, or a module's nested deployment) read with System.Text.Json: its resources in both
/// of Bicep's output shapes (an array, or an object keyed by symbolic name), its modules, and the values its
/// parameters and variables forward, followed up to the root template's parameters (their defaults, or the values of a
/// parameters file).
/// </summary>
internal sealed partial class ArmDeployment
{
    private const string DeploymentType = "Microsoft.Resources/deployments";
    private readonly JsonObject? passedParameters;
    private readonly JsonObject? rootValues;

    private ArmDeployment(string symbol, JsonObject template, ArmDeployment? parent, JsonObject? passedParameters, JsonObject? rootValues)
    {
        Symbol = symbol;
        Template = template;
        Parent = parent;
        this.passedParameters = passedParameters;
        this.rootValues = rootValues;
    }

    /// <summary>The symbolic name of the module (main for the root).</summary>
    public string Symbol { get; }

    /// <summary>The template.</summary>
    public JsonObject Template { get; }

    /// <summary>The deployment that contains this module; null for the root.</summary>
    public ArmDeployment? Parent { get; }

    /// <summary>The root template; <paramref name="parameterValues"/> is the "parameters" object of a parameters file, which then wins over the defaults.</summary>
    public static ArmDeployment Parse(string templateJson, JsonObject? parameterValues = null) =>
        new("main", JsonNode.Parse(templateJson)!.AsObject(), null, null, parameterValues);

    /// <summary>The resources declared here (not existing ones, not modules).</summary>
    public IEnumerable<ArmResource> Resources =>
        Declared().Where(r => r.Type != DeploymentType && r.Json["existing"]?.GetValue<bool>() != true);

    /// <summary>The modules (nested deployments) declared here.</summary>
    public IEnumerable<ArmDeployment> Modules =>
        Declared().Where(r => r.Type == DeploymentType).Select(r => new ArmDeployment(
            r.Symbol,
            r.Json["properties"]!["template"]!.AsObject(),
            this,
            r.Json["properties"]!["parameters"]?.AsObject(),
            null));

    /// <summary>Every resource of this deployment and its modules, at any depth.</summary>
    public IEnumerable<ArmResource> AllResources => Resources.Concat(Modules.SelectMany(m => m.AllResources));

    /// <summary>The module with this symbolic name.</summary>
    public ArmDeployment Module(string symbol) => Modules.Single(m => m.Symbol == symbol);

    /// <summary>The one resource of this type, here or in a module.</summary>
    public ArmResource Single(string type) => AllResources.Single(r => r.Type == type);

    /// <summary>The declaration of a resource by symbolic name, existing ones included.</summary>
    public ArmResource Declaration(string symbol) => Declared().Single(r => r.Symbol == symbol);

    /// <summary>The definition (type, default, allowed values …) of a parameter of this template.</summary>
    public JsonObject Parameter(string name) =>
        Template["parameters"]?[name]?.AsObject() ?? throw new KeyNotFoundException($"{Symbol} has no parameter {name}");

    /// <summary>The expression or value the parent passes for a parameter of this module.</summary>
    public JsonNode? Passed(string name) =>
        passedParameters?[name]?["value"] ?? throw new KeyNotFoundException($"{Symbol} is not passed a value for {name}");

    /// <summary>The value of a parameter of this template (<see cref="Resolve"/>).</summary>
    public JsonNode? ParameterValue(string name) => ResolveParameter(name);

    /// <summary>A variable of this template, followed through variables that only name another variable.</summary>
    public JsonNode? Variable(string name) => Resolve(Template["variables"]?[name] ?? throw new KeyNotFoundException($"{Symbol} has no variable {name}"));

    /// <summary>
    /// A value with the forwarding expressions resolved: "[parameters('x')]" becomes what the parent passed for x (or, at
    /// the root, the parameters file's value or the default) and "[variables('x')]" the variable's value; any other
    /// expression is returned as it is.
    /// </summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var expression))
        {
            if (ParameterReference().Match(expression) is { Success: true } parameter)
            {
                return ResolveParameter(parameter.Groups[1].Value);
            }

            if (VariableReference().Match(expression) is { Success: true } variable)
            {
                return Variable(variable.Groups[1].Value);
            }
        }

        return value;
    }

    /// <summary>The root template's parameter a value is forwarded from unchanged, or null when it is computed.</summary>
    public string? RootParameterOf(JsonNode? value)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var expression) || ParameterReference().Match(expression) is not { Success: true } match)
        {
            return null;
        }

        var name = match.Groups[1].Value;
        return Parent is null ? name : Parent.RootParameterOf(Passed(name));
    }

    /// <summary>An expression with every reference to a plain variable or to a property of an object variable replaced by its literal string.</summary>
    public string Expand(string expression) =>
        VariableProperty().Replace(expression, m =>
        {
            var variable = Variable(m.Groups[1].Value);
            var value = m.Groups[2].Success ? variable?[m.Groups[2].Value] : variable;
            return value is JsonValue literal && literal.TryGetValue<string>(out var text) && !text.StartsWith('[') ? $"'{text}'" : m.Value;
        });

    private JsonNode? ResolveParameter(string name)
    {
        if (Parent is not null)
        {
            return Parent.Resolve(Passed(name));
        }

        return rootValues?[name]?["value"] ?? Parameter(name)["defaultValue"];
    }

    private IEnumerable<ArmResource> Declared() => Template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>().Select(r => new ArmResource(this, (string?)r["name"] ?? "", r)),
        JsonObject byName => byName.Where(p => p.Value is JsonObject).Select(p => new ArmResource(this, p.Key, p.Value!.AsObject())),
        _ => [],
    };

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"variables\('([^']+)'\)(?:\.(\w+))?")]
    private static partial Regex VariableProperty();
}

/// <summary>A resource of a compiled template, with the deployment it belongs to.</summary>
internal sealed record ArmResource(ArmDeployment Deployment, string Symbol, JsonObject Json)
{
    /// <summary>The resource type.</summary>
    public string Type => (string)Json["type"]!;

    /// <summary>The node at a dotted path, e.g. properties.virtualMachineProfile.priority; null when absent.</summary>
    public JsonNode? Get(string path) => path.Split('.').Aggregate<string, JsonNode?>(Json, (node, key) => node?[key]);

    /// <summary>The string at a dotted path (an expression stays an expression).</summary>
    public string? Text(string path) => (string?)Get(path);

    /// <summary>The node at a dotted path with its forwarding expressions resolved (<see cref="ArmDeployment.Resolve"/>).</summary>
    public JsonNode? Resolved(string path) => Deployment.Resolve(Get(path));
}
