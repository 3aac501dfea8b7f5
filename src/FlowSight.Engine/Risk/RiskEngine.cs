namespace FlowSight.Engine.Risk;

/// <summary>The pre-trade risk engine: every command passes it on its way to the execution engine.</summary>
public sealed partial class RiskEngine
{
}
