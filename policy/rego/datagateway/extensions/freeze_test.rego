package datagateway.extensions.freeze_test

import rego.v1

import data.datagateway.extensions.freeze

call := {"subject": {"organization": "op-bank"}, "resource": {"domain": "finance", "owner": "dept-market"}}

test_nothing_frozen_refuses_nothing if {
	count(freeze.deny) == 0 with input as call
}

test_a_frozen_domain_is_refused if {
	"domain_frozen" in freeze.deny with input as call with data.datagateway.settings as {"frozenDomains": ["finance"]}
}

test_another_frozen_domain_is_not_refused if {
	count(freeze.deny) == 0 with input as call with data.datagateway.settings as {"frozenDomains": ["medical"]}
}

test_the_owner_reads_its_own_frozen_data if {
	owner := object.union(call, {"subject": {"organization": "dept-market"}})
	count(freeze.deny) == 0 with input as owner with data.datagateway.settings as {"frozenDomains": ["finance"]}
}
