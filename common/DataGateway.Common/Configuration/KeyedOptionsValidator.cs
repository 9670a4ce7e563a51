using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DataGateway.Common.Configuration;

/// <summary>
/// The data annotations of an options class, checked as <c>ValidateDataAnnotations</c> checks them, but each failure
/// names the setting by its full configuration key and its environment variable, which is what an operator edits.
/// </summary>
/// <remarks>
/// The stock validator says "'ConnectionString' … is required" and leaves the operator to guess which of several
/// sections it belongs to; a pod that will not start should say <c>DataGateway__Gateway__ConnectionString</c>.
/// </remarks>
internal sealed class KeyedOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(member => Describe(member, r.ErrorMessage))));
    }

    private string Describe(string member, string? error)
    {
        var key = member.Length == 0 ? section : $"{section}:{member}";
        return $"{key} (env {key.Replace(":", "__", StringComparison.Ordinal)}): {error}";
    }
}
