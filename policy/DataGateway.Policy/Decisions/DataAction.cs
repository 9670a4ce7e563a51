namespace DataGateway.Policy.Decisions;

/// <summary>What a call does with a dataset; each action is priced on its own.</summary>
public enum DataAction
{
    /// <summary>Read records (GET /api/{dataset}/…).</summary>
    Query,

    /// <summary>Ask whether records match given values without receiving them (可用不可见).</summary>
    Verify,

    /// <summary>
    /// Push a dataset's rows to a district's landing zone (属地返还 by return job): the district's return set only,
    /// masked, its own rows only; never a grant's wider fields.
    /// </summary>
    Return,
}
