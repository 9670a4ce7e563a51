package datagateway.builtin_test

import rego.v1

import data.datagateway.builtin

# A catalog as the bundle's data.json carries it (GET /bundles/datagateway.tar.gz).
catalog := {
	"version": 7,
	"organizations": {
		"dept-housing": {"kind": "department", "district": null, "licensedDomains": []},
		"district-310104": {"kind": "district", "district": "310104", "licensedDomains": []},
		"op-bank": {"kind": "operator", "district": null, "licensedDomains": ["housing"]},
		"op-unlicensed": {"kind": "operator", "district": null, "licensedDomains": []},
	},
	"datasets": {"housing": {
		"owner": "dept-housing", "domain": "housing", "sharing": "unconditional", "openForOperation": true,
		"districtField": "district_code",
		"fields": {"id": {"level": "L1"}, "address": {"level": "L2"}, "district_code": {"level": "L1"}, "owner_id_number": {"level": "L4"}},
		"districtReturnFields": ["id", "address", "district_code"],
	}},
	"grants": {"op-bank": {"housing": [{
		"id": "g-1", "fields": ["id", "address"], "districts": [], "verifyFields": ["owner_id_number"],
		"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z", "state": "active",
	}]}},
}

call(org, kind, district, fields, requested_district) := {
	"subject": {"organization": org, "kind": kind, "district": district},
	"resource": {"dataset": "housing"},
	"action": "query",
	"context": {"time": "2026-11-23T02:00:00Z", "requestedFields": fields, "requestedDistrict": requested_district},
}

decide(i) := d if {
	d := builtin.decision with input as i with data.datagateway.catalog as catalog
}

test_granted_operator_gets_its_grants_fields if {
	decide(call("op-bank", "operator", null, null, null)) == {"allow": true, "reason": "granted", "fields": ["address", "id"], "rules": ["builtin.granted"]}
}

test_operator_asking_for_a_field_outside_its_grant_is_refused_naming_it if {
	d := decide(call("op-bank", "operator", null, ["id", "owner_id_number"], null))
	d.allow == false
	d.reason == "field_not_granted"
	d.fields == ["owner_id_number"]
}

test_unlicensed_operator_is_refused if {
	decide(call("op-unlicensed", "operator", null, null, null)).reason == "domain_not_licensed"
}

test_district_reads_its_return_set if {
	d := decide(call("district-310104", "district", "310104", null, null))
	d.reason == "district_return"
	d.fields == ["address", "district_code", "id"]
}

test_district_asking_for_another_district_is_refused if {
	decide(call("district-310104", "district", "310104", null, "310101")).reason == "district_not_granted"
}

test_token_whose_district_disagrees_is_caller_unknown if {
	decide(call("district-310104", "district", "310101", null, null)).reason == "caller_unknown"
}

test_owner_reads_every_field if {
	d := decide(call("dept-housing", "department", null, null, null))
	d.reason == "owner"
	d.fields == ["address", "district_code", "id", "owner_id_number"]
}

test_unknown_dataset if {
	i := object.union(call("op-bank", "operator", null, null, null), {"resource": {"dataset": "nothing"}})
	decide(i).reason == "dataset_unknown"
}

test_expired_grant_is_named if {
	expired := json.patch(catalog, [{"op": "replace", "path": "/grants/op-bank/housing/0/validUntil", "value": "2026-06-01T00:00:00Z"}])
	i := call("op-bank", "operator", null, null, null)
	d := builtin.decision with input as i with data.datagateway.catalog as expired
	d.reason == "grant_expired"
}

test_suspended_grant_is_named if {
	suspended := json.patch(catalog, [{"op": "replace", "path": "/grants/op-bank/housing/0/state", "value": "suspended"}])
	i := call("op-bank", "operator", null, null, null)
	d := builtin.decision with input as i with data.datagateway.catalog as suspended
	d.reason == "grant_suspended"
}

test_not_shared_is_final if {
	closed := json.patch(catalog, [{"op": "replace", "path": "/datasets/housing/sharing", "value": "not_shared"}])
	i := call("op-bank", "operator", null, null, null)
	d := builtin.decision with input as i with data.datagateway.catalog as closed
	d.reason == "dataset_not_shared"
}
