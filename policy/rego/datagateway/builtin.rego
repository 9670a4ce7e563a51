# The built-in engine's rules (policy/DataGateway.Policy/Engine/CatalogPolicyEngine.cs) in Rego, over the catalog the
# bundle carries (data.datagateway.catalog, from GET /bundles/datagateway.tar.gz), so that a deployment can run OPA
# alone to audit or compare. The checks go in the engine's order, which decides the reason a caller sees:
# the dataset exists, the caller is who the catalog says, owners read their own data, 不予共享 is final, operators need
# the licence, then a grant or 属地返还. Same input document as the gateway sends (policy/README.md).
# Simplified where noted: the grant's districts are not checked against ?district= here, and the union of a
# district's return set with its grant's fields for its own rows is left to the built-in engine.
package datagateway.builtin

import rego.v1

catalog := data.datagateway.catalog

dataset := catalog.datasets[input.resource.dataset]

organization := catalog.organizations[input.subject.organization]

now_ns := time.parse_rfc3339_ns(input.context.time)

caller_matches if {
	organization.kind == input.subject.kind
	organization.kind != "district"
}

caller_matches if {
	organization.kind == "district"
	input.subject.kind == "district"
	organization.district == input.subject.district
}

licensed if {
	dataset.openForOperation
	dataset.domain in organization.licensedDomains
}

held := object.get(object.get(catalog.grants, input.subject.organization, {}), input.resource.dataset, [])

# A grant's state at the call's time: an active grant outside its validity counts as expired.
state(g) := "expired" if {
	g.state == "active"
	not within_validity(g)
} else := g.state

within_validity(g) if {
	time.parse_rfc3339_ns(g.validFrom) <= now_ns
	now_ns < time.parse_rfc3339_ns(g.validUntil)
}

active_grants := [g | some g in held; state(g) == "active"]

held_states := {state(g) | some g in held}

district_return if {
	organization.kind == "district"
	dataset.sharing == "unconditional"
	dataset.districtField != null
	input.action == "query"
	own_district
}

# Absent and null mean the same: no ?district= (in Rego a null value counts as true, so compare it).
requested_district := object.get(input.context, "requestedDistrict", null)

own_district if requested_district == null

own_district if requested_district == organization.district

default reason := "grant_missing"

reason := "dataset_unknown" if {
	not dataset
} else := "caller_unknown" if {
	not caller_matches
} else := "owner" if {
	input.subject.organization == dataset.owner
} else := "dataset_not_shared" if {
	dataset.sharing == "not_shared"
} else := "domain_not_licensed" if {
	organization.kind == "operator"
	not licensed
} else := "granted" if {
	count(active_grants) > 0
} else := "district_return" if {
	district_return
} else := "grant_suspended" if {
	"suspended" in held_states
} else := "grant_expired" if {
	"expired" in held_states
} else := "grant_revoked" if {
	"revoked" in held_states
} else := "district_not_granted" if {
	organization.kind == "district"
	requested_district != null
	dataset.sharing == "unconditional"
}

allowing := {"owner", "granted", "district_return"}

allowed_fields := object.keys(dataset.fields) if reason == "owner"

allowed_fields := {f | some f in active_grants[0].fields} if {
	reason == "granted"
	input.action == "query"
}

allowed_fields := {f | some f in active_grants[0].verifyFields} if {
	reason == "granted"
	input.action == "verify"
}

allowed_fields := {f | some f in dataset.districtReturnFields} if reason == "district_return"

default requested_list := []

requested_list := input.context.requestedFields if is_array(input.context.requestedFields)

requested := {f | some f in requested_list}

missing := requested - allowed_fields

missing_reason := "verify_field_not_granted" if input.action == "verify"

missing_reason := "field_not_granted" if input.action != "verify"

fields := sort(requested) if count(requested) > 0

fields := sort(allowed_fields) if count(requested) == 0

decision := {"allow": true, "reason": reason, "fields": fields, "rules": ["builtin." + reason]} if {
	reason in allowing
	count(missing) == 0
}

decision := {"allow": false, "reason": missing_reason, "fields": sort(missing), "rules": ["builtin." + missing_reason]} if {
	reason in allowing
	count(missing) > 0
}

decision := {"allow": false, "reason": reason, "rules": ["builtin." + reason]} if not reason in allowing
