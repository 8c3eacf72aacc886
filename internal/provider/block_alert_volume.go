package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var scheduleWindow = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9] - ([01][0-9]|2[0-3]):[0-5][0-9]$`)

var alertVolumeBlock = compileBlock(&blockSpec{
	typeName:    "alert_volume",
	title:       "Alert Volume",
	what:        "the emergency alert volume",
	endpoints:   []endpointSpec{{path: "emergency_alert/volume"}},
	description: "How loud emergency alerts play, by day and at night (`emergency_alert/volume`). Unlike the beep volumes, these go down to 0.",
	fields: []fieldSpec{
		intField("volume", "iVolume", "Alert volume outside the schedule window, or always when the schedule is off; 0 to 100.", between(0, 100)),
		intField("night_volume", "iScheduleVolume", "Alert volume inside the schedule window; 0 to 100.", between(0, 100)),
		boolField("schedule_enabled", "bScheduleStatus", "Follow the schedule; false plays every alert at `volume`."),
		{
			name: "schedule", wire: "sScheduleTime", description: "The schedule window, as `HH:MM - HH:MM` (24-hour clock).",
			stringValidators: []validator.String{stringvalidator.RegexMatches(scheduleWindow, "must be a window such as \"22:00 - 07:00\"")},
		},
	},
})
