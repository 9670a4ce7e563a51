# An emergency freeze of a domain (紧急冻结): every call on its datasets is refused, except the owning department's
# own. Switched on by data: datagateway.settings.frozenDomains (a list of domains), e.g. pushed with OPA's Data API
# (PUT /v1/data/datagateway/settings) without a new bundle; empty by default.
package datagateway.extensions.freeze

import rego.v1

default frozen_domains := []

frozen_domains := data.datagateway.settings.frozenDomains

deny contains "domain_frozen" if {
	input.resource.domain in frozen_domains
	input.subject.organization != input.resource.owner
}
