# A client network allow-list: an organization with registered ranges calls from them only (an operator's data
# center). Ranges by organization id in datagateway.settings.networks ({"op-bank": ["10.20.0.0/16"]}); an
# organization without an entry is not limited. A call whose address is unknown is refused where ranges apply.
package datagateway.extensions.network

import rego.v1

default networks := {}

networks := data.datagateway.settings.networks

from_listed_range(ranges) if {
	is_string(input.context.clientAddress)
	some cidr in ranges
	net.cidr_contains(cidr, input.context.clientAddress)
}

deny contains "network_not_allowed" if {
	ranges := networks[input.subject.organization]
	not from_listed_range(ranges)
}
