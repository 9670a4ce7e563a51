package datagateway.extensions.office_hours_test

import rego.v1

import data.datagateway.extensions.office_hours

operator_at(t) := {"subject": {"kind": "operator"}, "context": {"time": t}}

# 2026-11-23 is a Monday; 02:00Z is 10:00 in Shanghai.
test_operator_on_a_weekday_morning_is_not_refused if {
	i := operator_at("2026-11-23T02:00:00Z")
	count(office_hours.deny) == 0 with input as i
}

test_operator_at_the_last_minute_before_20_is_not_refused if {
	i := operator_at("2026-11-23T11:59:00Z")
	count(office_hours.deny) == 0 with input as i
}

test_operator_at_20_is_refused if {
	i := operator_at("2026-11-23T12:00:00Z")
	"office_hours" in office_hours.deny with input as i
}

test_operator_before_8_is_refused if {
	i := operator_at("2026-11-22T23:59:00Z")
	"office_hours" in office_hours.deny with input as i
}

# 2026-11-28 is a Saturday.
test_operator_on_a_saturday_is_refused if {
	i := operator_at("2026-11-28T02:00:00Z")
	"office_hours" in office_hours.deny with input as i
}

test_district_at_night_is_not_refused if {
	count(office_hours.deny) == 0 with input as {"subject": {"kind": "district"}, "context": {"time": "2026-11-23T15:00:00Z"}}
}
