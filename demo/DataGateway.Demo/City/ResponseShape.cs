namespace DataGateway.Demo.City;

/// <summary>How a department's API lays out a list of records.</summary>
internal enum ResponseShape
{
    /// <summary>A bare JSON array of records; record path <c>""</c>.</summary>
    BareArray,

    /// <summary>
    /// <c>{"code":0,"message":"ok","total":N,"page":p,"size":s,"data":{"items":[…]}}</c>; record path <c>data.items</c>.
    /// </summary>
    Envelope,
}
