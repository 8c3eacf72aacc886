package provider

var specialModesBlock = compileBlock(&blockSpec{
	typeName:  "special_modes",
	title:     "Special Modes",
	what:      "the special modes",
	endpoints: []endpointSpec{gconfigBlock("special_modes", "oGConfigSpecialModes")},
	description: "Modes that keep the door open (`intercom/gconfig/special_modes`). The vendor documents no values; " +
		"its own example shows `3` for `permanent_lock_open`, so these are numbers, not on/off flags, and are passed through as given.",
	fields: []fieldSpec{
		intField("permanent_lock_open", "iPermanentLockOpen", "Mode that keeps the locks permanently open; `0` is off."),
		intField("all_keys_open", "iAllKeyOpenMode", "Mode in which every key opens the door; `0` is off."),
	},
})
