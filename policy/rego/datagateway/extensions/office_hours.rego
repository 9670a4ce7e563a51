# Operators (授权运营机构) call on weekdays between 08:00 and 20:00, Shanghai time; government callers at any hour.
# The hours are constants here: a deployment changes them in its copy of this file.
package datagateway.extensions.office_hours

import rego.v1

start_hour := 8

end_hour := 20

weekdays := {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}

# input.context.time is UTC, to the minute (the gateway's decision cache keys on it).
now_ns := time.parse_rfc3339_ns(input.context.time)

within_hours if {
	time.weekday([now_ns, "Asia/Shanghai"]) in weekdays
	clock := time.clock([now_ns, "Asia/Shanghai"])
	hour := clock[0]
	hour >= start_hour
	hour < end_hour
}

deny contains "office_hours" if {
	input.subject.kind == "operator"
	not within_hours
}
