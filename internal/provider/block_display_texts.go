package provider

var displayTextsBlock = compileBlock(&blockSpec{
	typeName:  "display_texts",
	title:     "Display Texts",
	what:      "the display texts",
	endpoints: []endpointSpec{gconfigBlock("text", "oGConfigText")},
	description: "The texts the panel's display shows in each state (`intercom/gconfig/text`), in any script " +
		"(the vendor's examples are Cyrillic). Firmware pads them with spaces, so surrounding spaces are not compared.",
	fields: []fieldSpec{
		textField("idle", "sIdle", "Shown when idle."),
		textField("call", "sCall", "Shown while calling."),
		textField("talk", "sTell", "Shown while talking."),
		textField("enter", "sEnter", "Shown when entry is allowed."),
		textField("open", "sOpen", "Shown when the door opens."),
		textField("error", "sError", "Shown on an error."),
		textField("complete", "sComplete", "Shown when an operation finishes."),
		textField("alert", "sAlert", "Shown as a warning."),
		textField("auto_enroll", "sAddAuto", "Shown in automatic key-enrolment mode."),
		textField("exit", "sExit", "Shown on exit."),
		textField("empty", "sEmpty", "The blank message."),
		textField("reset", "sReset", "Shown on reset."),
	},
})
