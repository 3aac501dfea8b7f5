using System.Reflection;
using FlowSight.Core;

namespace FlowSight.Engine.Bus;

/// <summary>
/// Reads the instrument of an event of type <typeparamref name="T"/> without boxing: for types that implement
/// <see cref="IInstrumentEvent"/> a constrained generic call, built once per type; otherwise none.
/// </summary>
internal static class InstrumentKey<T>
    where T : notnull
{
    public delegate InstrumentId Reader(in T evt);

    /// <summary>The reader, or null when <typeparamref name="T"/> carries no instrument.</summary>
    public static readonly Reader? Read = Create();

    private static Reader? Create()
    {
        if (!typeof(IInstrumentEvent).IsAssignableFrom(typeof(T)))
        {
            return null;
        }

        var name = typeof(T).IsValueType ? nameof(ReadStruct) : nameof(ReadClass);
        var method = typeof(InstrumentKey<T>)
            .GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(T));
        return method.CreateDelegate<Reader>();
    }

    private static InstrumentId ReadStruct<TEvent>(in TEvent evt)
        where TEvent : struct, IInstrumentEvent => evt.Instrument;

    private static InstrumentId ReadClass<TEvent>(in TEvent evt)
        where TEvent : class, IInstrumentEvent => evt.Instrument;
}
