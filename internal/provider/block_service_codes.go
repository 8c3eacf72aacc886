package provider

var serviceCodesBlock = compileBlock(&blockSpec{
	typeName:  "service_codes",
	title:     "Service Codes",
	what:      "the service codes",
	endpoints: []endpointSpec{gconfigBlock("default_codes", "oGConfigDefaultCodes")},
	description: "The service codes typed at the keypad (`intercom/gconfig/default_codes`). They open the door, so " +
		"every one is sensitive: plans show only that a code changes, never the digits. They are stored in state.",
	fields: []fieldSpec{
		codeField("open_door_code", "sDefaultOpenDoorMagicCode", "Code that opens the door."),
		codeField("auto_enroll_code", "sDefaultAddAutoKeysCode", "Code that turns on automatic enrolment of keys."),
		codeField("test_menu_code", "sEnterTestMenuCode", "Code that enters the test menu."),
		func() fieldSpec {
			f := codeField("keep_open_code", "sDefaultKeepOpenedCode", "Code that keeps the door open after entry. "+
				"Some firmware does not report it (the vendor's own GET example lacks it): then it reads as null and is "+
				"sent only when set, so it is never wiped.")
			f.mayBeAbsent = true
			return f
		}(),
	},
})
