using FlowSight.Core;

namespace FlowSight.Simulator.Matching;

/// <summary>Client order ids are unique per account among open orders.</summary>
internal readonly record struct ClientOrderKey(int AccountId, ClientOrderId ClientOrderId);
