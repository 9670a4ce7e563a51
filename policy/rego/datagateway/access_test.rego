package datagateway.access_test

import rego.v1

import data.datagateway.access

# Monday 2026-11-23, 10:00 in Shanghai: inside office hours.
weekday_morning := {
	"subject": {"organization": "op-bank", "kind": "operator", "district": null, "licensedDomains": ["finance"]},
	"resource": {"dataset": "enterprises", "owner": "dept-market", "domain": "finance"},
	"action": "query",
	"context": {"time": "2026-11-23T02:00:00Z", "clientAddress": "10.20.1.5"},
}

test_no_rule_refuses_allows if {
	access.decision == {"allow": true, "rules": []} with input as weekday_morning
}

test_an_operator_at_night_is_refused_for_office_hours if {
	night := object.union(weekday_morning, {"context": {"time": "2026-11-23T15:00:00Z", "clientAddress": "10.20.1.5"}})
	d := access.decision with input as night
	d.allow == false
	d.reason == "office_hours"
}

test_several_rules_refuse_names_them_all if {
	night := object.union(weekday_morning, {"context": {"time": "2026-11-23T15:00:00Z", "clientAddress": "10.20.1.5"}})
	d := access.decision with input as night
		with data.datagateway.settings as {"frozenDomains": ["finance"]}
	d.rules == ["domain_frozen", "office_hours"]
	d.reason == "domain_frozen"
}
