package provider

var dtmfBlock = compileBlock(&blockSpec{
	typeName: "dtmf",
	title:    "DTMF",
	what:     "the DTMF settings",
	endpoints: []endpointSpec{
		gconfigBlock("dtmf_codes", "oGConfigDtmfCodes"),
		{path: "intercom/dtmf/method"},
	},
	description: "How a SIP caller opens the door with the keypad: the DTMF code (`intercom/gconfig/dtmf_codes`) " +
		"and how DTMF is sent (`intercom/dtmf/method`). An update writes only the object whose attribute changed.",
	fields: []fieldSpec{
		codeField("open_door_code", "sOpenDoor", "DTMF code that opens the door."),
		func() fieldSpec {
			f := oneOfField("method", "dtmf_method", "How DTMF is sent: `rfc2833` or `sip-info`.", "rfc2833", "sip-info")
			f.endpoint = 1
			return f
		}(),
	},
})
