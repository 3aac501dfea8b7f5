namespace FlowSight.Venues.Okx.Parsing;

/// <summary>The <c>event</c> of an OKX control reply.</summary>
public enum OkxControlEvent : byte
{
    /// <summary>An event the parser does not know.</summary>
    Other = 0,

    /// <summary><c>subscribe</c>: the subscription in <c>arg</c> was accepted.</summary>
    Subscribed,

    /// <summary><c>unsubscribe</c>: the subscription in <c>arg</c> was removed.</summary>
    Unsubscribed,

    /// <summary><c>error</c>: a request was refused; <c>code</c> and <c>msg</c> say why.</summary>
    Error,

    /// <summary><c>notice</c>: e.g. the connection will be closed for a service upgrade.</summary>
    Notice,

    /// <summary><c>login</c>: a login succeeded.</summary>
    Login,
}
