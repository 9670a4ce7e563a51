package datagateway.extensions.network_test

import rego.v1

import data.datagateway.extensions.network

settings := {"networks": {"op-bank": ["10.20.0.0/16", "192.0.2.0/24"]}}

from(address) := {"subject": {"organization": "op-bank"}, "context": {"clientAddress": address}}

test_an_address_in_a_listed_range_is_not_refused if {
	i := from("10.20.1.5")
	count(network.deny) == 0 with input as i with data.datagateway.settings as settings
}

test_an_address_outside_the_ranges_is_refused if {
	i := from("10.21.0.1")
	"network_not_allowed" in network.deny with input as i with data.datagateway.settings as settings
}

test_an_unknown_address_is_refused if {
	i := from(null)
	"network_not_allowed" in network.deny with input as i with data.datagateway.settings as settings
}

test_an_organization_without_ranges_is_not_limited if {
	count(network.deny) == 0 with input as {"subject": {"organization": "op-other"}, "context": {"clientAddress": "203.0.113.9"}}
		with data.datagateway.settings as settings
}

test_no_settings_limit_nobody if {
	i := from("203.0.113.9")
	count(network.deny) == 0 with input as i
}
