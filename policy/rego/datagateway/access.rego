# The decision the gateway asks for (DataGateway:Policy:Opa:Path = datagateway/access/decision), after its built-in
# engine allowed the call: the extension rules, which the catalog cannot express. Each extension adds the codes of
# the rules that refuse the call to its `deny` set; the call is allowed when no rule refuses it.
# The built-in rules themselves are in datagateway.builtin, for deployments that run OPA alone to audit or compare.
package datagateway.access

import rego.v1

import data.datagateway.extensions.freeze
import data.datagateway.extensions.network
import data.datagateway.extensions.office_hours

denials := (freeze.deny | network.deny) | office_hours.deny

default allow := false

allow if count(denials) == 0

# The answer the gateway reads: allow, and for a deny the first reason (codes in order) and every rule that refused.
decision := {"allow": true, "rules": []} if allow

ordered := sort(denials)

decision := {"allow": false, "reason": ordered[0], "rules": ordered} if not allow
