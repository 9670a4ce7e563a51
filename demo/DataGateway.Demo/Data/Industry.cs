namespace DataGateway.Demo.Data;

/// <summary>A line of business: the word in a company's name and its industry category (国民经济行业分类).</summary>
internal sealed record Industry(string NameWord, string Category);
