using DataGateway.Policy.Decisions;
using System.Runtime.CompilerServices;
using DataGateway.Policy.Model;

namespace DataGateway.Policy.Engine;

/// <summary>
/// The built-in engine: the catalog's rules, decided in-process over the snapshot with dictionary lookups only.
/// </summary>
/// <remarks>
/// Every path that does not end in an explicit <see cref="Decision.Allow"/> is a deny with a reason code. The order
/// of the checks is part of the contract, because it decides which reason a caller sees when several apply: the
/// dataset must exist, the caller must be who the catalog says, owners read their own data, 不予共享 is final,
/// operators need the licence for the domain, then 属地返还 or a grant.
/// </remarks>
public sealed class CatalogPolicyEngine : IPolicyEngine
{
    /// <summary>
    /// The field decisions of each allowed-field set (a grant's fields, a dataset's return fields), resolved once: the
    /// sets are immutable parts of a snapshot, so the answer never changes, and a call allocates nothing for it.
    /// Each set belongs to one dataset (a grant's, or a dataset's own return set), which is what makes it a sound key.
    /// </summary>
    private readonly ConditionalWeakTable<IReadOnlySet<string>, IReadOnlyList<FieldDecision>> _resolved = new();

    private readonly NarrowedFieldLists _narrowed = new();

    /// <summary>
    /// Per grant, its fields joined with its dataset's return set: one stable set object per grant, so the field
    /// decisions resolved for it (and the gateway's filter plan) are shared by reference like any other allowed set.
    /// </summary>
    private readonly ConditionalWeakTable<Grant, IReadOnlySet<string>> _withReturnSet = new();

    public Decision Decide(CatalogSnapshot snapshot, AccessRequest request)
    {
        var dataset = snapshot.FindDataset(request.DatasetCode);
        if (dataset is null)
        {
            return Decision.Deny(ReasonCodes.DatasetUnknown, $"No dataset '{request.DatasetCode}' is in the catalog.");
        }

        var caller = request.Caller;
        var organization = snapshot.FindOrganization(caller.OrganizationId);
        if (!CallerCheck.Matches(organization, caller))
        {
            return Decision.Deny(ReasonCodes.CallerUnknown, CallerCheck.UnknownDetail, dataset);
        }

        if (request.Action == DataAction.Return)
        {
            return DecideReturnPush(dataset, organization, request);
        }

        if (organization.Id == dataset.OwnerId)
        {
            return DecideForOwner(dataset, request);
        }

        if (dataset.Sharing == SharingAttribute.NotShared)
        {
            return Decision.Deny(ReasonCodes.DatasetNotShared, $"Dataset '{dataset.Code}' is not shared (不予共享).", dataset);
        }

        if (organization.Kind == OrganizationKind.Operator
            && (!dataset.OpenForOperation || !organization.LicensedDomains.Contains(dataset.Domain)))
        {
            return Decision.Deny(
                ReasonCodes.DomainNotLicensed,
                $"Dataset '{dataset.Code}' is not open for authorized operation in a domain the caller is licensed for.",
                dataset);
        }

        var grants = snapshot.GrantsFor(organization.Id, dataset.Code);
        var grant = FindActiveGrant(grants, request.Now);
        if (grant is not null)
        {
            return DecideOnGrant(dataset, organization, grant, request);
        }

        if (IsDistrictReturn(dataset, organization, request))
        {
            return DecideDistrictReturn(dataset, organization, request);
        }

        return DenyWithoutGrant(dataset, organization, grants, request);
    }

    private static Grant? FindActiveGrant(IReadOnlyList<Grant> grants, DateTimeOffset now)
    {
        foreach (var grant in grants)
        {
            if (grant.StateAt(now) == GrantState.Active)
            {
                return grant;
            }
        }

        return null;
    }

    /// <summary>属地返还: a district reads its own rows of unconditional data that carries a district attribute.</summary>
    private static bool IsDistrictReturn(Dataset dataset, Organization organization, AccessRequest request) =>
        HasReturnSet(dataset, organization, request.Action)
        && (request.RequestedDistrict is null || request.RequestedDistrict == organization.DistrictCode);

    /// <summary>Whether the caller has a return set on this dataset at all: a district, querying unconditional data with a district attribute.</summary>
    private static bool HasReturnSet(Dataset dataset, Organization organization, DataAction action) =>
        organization.Kind == OrganizationKind.District
        && dataset.Sharing == SharingAttribute.Unconditional
        && dataset.DistrictField is not null
        && action == DataAction.Query;

    private Decision DecideForOwner(Dataset dataset, AccessRequest request)
    {
        if (!TrySelectFields(dataset, dataset.FieldNames, request, maskFields: false, out var fields, out var denied))
        {
            return denied;
        }

        var districts = request.RequestedDistrict is null ? null : DistrictSets.Of(request.RequestedDistrict);
        return Decision.Allow(ReasonCodes.Owner, dataset, fields, districts, grant: null, unitPrice: 0m);
    }

    private Decision DecideDistrictReturn(Dataset dataset, Organization organization, AccessRequest request)
    {
        if (!TrySelectFields(dataset, dataset.DistrictReturnFields, request, maskFields: true, out var fields, out var denied))
        {
            return denied;
        }

        var districts = DistrictSets.Of(organization.DistrictCode!);
        return Decision.Allow(ReasonCodes.DistrictReturn, dataset, fields, districts, grant: null, unitPrice: 0m);
    }

    /// <summary>A push to a district: exactly what it reads of its own rows without applying, whatever it was granted.</summary>
    private Decision DecideReturnPush(Dataset dataset, Organization organization, AccessRequest request)
    {
        if (!HasReturnSet(dataset, organization, DataAction.Query))
        {
            return Decision.Deny(
                ReasonCodes.ReturnNotApplicable,
                $"Dataset '{dataset.Code}' is not returned to '{organization.Id}': returns go to districts, of unconditional data with a district field.",
                dataset);
        }

        return DecideDistrictReturn(dataset, organization, request with { RequestedDistrict = null });
    }

    private Decision DecideOnGrant(Dataset dataset, Organization organization, Grant grant, AccessRequest request)
    {
        IReadOnlySet<string>? districts;
        if (request.RequestedDistrict is { } requested)
        {
            var covered = grant.Districts.Count == 0
                ? organization.Kind != OrganizationKind.District || requested == organization.DistrictCode
                : grant.Districts.Contains(requested);
            if (!covered)
            {
                if (requested == organization.DistrictCode && IsDistrictReturn(dataset, organization, request))
                {
                    // A grant for other districts adds to the district's own rows (属地返还), never takes them away.
                    return DecideDistrictReturn(dataset, organization, request);
                }

                return Decision.Deny(
                    ReasonCodes.DistrictNotGranted,
                    $"The grant does not cover the rows of district {requested}.",
                    dataset);
            }

            districts = DistrictSets.Of(requested);
        }
        else if (grant.Districts.Count > 0)
        {
            districts = grant.Districts;
        }
        else if (organization.Kind == OrganizationKind.District)
        {
            // A district's grant that names no districts covers the district's own rows only.
            districts = DistrictSets.Of(organization.DistrictCode!);
        }
        else
        {
            districts = null;
        }

        if (dataset.DistrictField is null)
        {
            // Data without a district attribute is not split by district: the grant's districts can only choose the
            // instance of a per-district service (checked above), not filter rows that carry no district.
            districts = null;
        }

        var allowed = request.Action == DataAction.Verify ? grant.VerifyFields : grant.Fields;
        if (districts is { Count: 1 } && districts.Contains(organization.DistrictCode ?? "")
            && HasReturnSet(dataset, organization, request.Action))
        {
            // Only the district's own rows are read: what it receives of them is its return set plus what the grant
            // adds. For rows of other districts (a call spanning several) the grant's fields alone apply.
            if (request.RequestedFields is { } asked && asked.All(dataset.DistrictReturnFields.Contains))
            {
                // Nothing the grant adds is asked for: the call is 属地返还, free of the grant's quota and scenario.
                return DecideDistrictReturn(dataset, organization, request);
            }

            allowed = _withReturnSet.GetValue(grant, g => g.Fields.Union(dataset.DistrictReturnFields).ToHashSet(StringComparer.Ordinal));
        }

        if (!TrySelectFields(dataset, allowed, request, maskFields: true, out var fields, out var denied))
        {
            return denied;
        }

        // Operators pay the price in effect when they call (a change scheduled for that moment applies without a
        // reload); government callers share data free of charge.
        var price = organization.Kind == OrganizationKind.Operator
            ? dataset.Prices.At(request.Now).For(request.Action)
            : 0m;
        return Decision.Allow(ReasonCodes.Granted, dataset, fields, districts, grant, price);
    }

    private static Decision DenyWithoutGrant(Dataset dataset, Organization organization, IReadOnlyList<Grant> grants, AccessRequest request)
    {
        if (grants.Count > 0)
        {
            // Tell the caller about the grant closest to usable: a suspended grant may come back, an expired one may be renewed.
            var states = grants.Select(g => g.StateAt(request.Now)).ToHashSet();
            if (states.Contains(GrantState.Suspended))
            {
                return Decision.Deny(ReasonCodes.GrantSuspended, $"The grant for '{dataset.Code}' is suspended.", dataset);
            }

            if (states.Contains(GrantState.Expired))
            {
                return Decision.Deny(ReasonCodes.GrantExpired, $"The grant for '{dataset.Code}' has expired.", dataset);
            }

            return Decision.Deny(ReasonCodes.GrantRevoked, $"The grant for '{dataset.Code}' was revoked.", dataset);
        }

        if (organization.Kind == OrganizationKind.District
            && request.RequestedDistrict is not null
            && request.RequestedDistrict != organization.DistrictCode
            && dataset.Sharing == SharingAttribute.Unconditional)
        {
            return Decision.Deny(
                ReasonCodes.DistrictNotGranted,
                $"Rows of district {request.RequestedDistrict} need an approved application.",
                dataset);
        }

        return Decision.Deny(ReasonCodes.GrantMissing, $"The caller holds no grant for '{dataset.Code}'.", dataset);
    }

    /// <summary>
    /// Narrows the allowed fields to the requested ones. A requested field that is not allowed denies the whole
    /// call and is named: a silent drop would let a caller believe a field is empty.
    /// </summary>
    private bool TrySelectFields(
        Dataset dataset,
        IReadOnlySet<string> allowed,
        AccessRequest request,
        bool maskFields,
        out IReadOnlyList<FieldDecision> fields,
        out Decision denied)
    {
        denied = null!;
        if (request.RequestedFields is { } requested)
        {
            List<string>? missing = null;
            var selected = new List<FieldDecision>(requested.Count);
            foreach (var name in requested)
            {
                var field = dataset.FindField(name);
                if (field is null || !allowed.Contains(name))
                {
                    (missing ??= []).Add(name);
                }
                else if (!selected.Exists(f => f.Name == name))
                {
                    selected.Add(new FieldDecision(name, maskFields ? field.Mask : MaskRule.None));
                }
            }

            if (missing is not null)
            {
                var code = request.Action == DataAction.Verify ? ReasonCodes.VerifyFieldNotGranted : ReasonCodes.FieldNotGranted;
                denied = Decision.Deny(code, $"Not granted: {string.Join(", ", missing)}.", dataset, missing);
                fields = [];
                return false;
            }

            fields = _narrowed.Share(allowed, maskFields, selected);
            return true;
        }

        if (!maskFields)
        {
            fields = dataset.UnmaskedFieldDecisions;
            return true;
        }

        if (!_resolved.TryGetValue(allowed, out var resolved))
        {
            var result = new List<FieldDecision>(allowed.Count);
            foreach (var field in dataset.Fields)
            {
                if (allowed.Contains(field.Name))
                {
                    result.Add(new FieldDecision(field.Name, field.Mask));
                }
            }

            resolved = result;
            _resolved.AddOrUpdate(allowed, resolved);
        }

        fields = resolved;
        return true;
    }
}
