namespace FlowSight.Engine.Tests.Messaging;

/// <summary>A small event: which producer wrote it and that producer's running counter.</summary>
internal struct TestEvent
{
    public int ProducerId;
    public long Counter;
}
