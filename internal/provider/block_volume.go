package provider

var volumeBlock = compileBlock(&blockSpec{
	typeName:    "volume",
	title:       "Volume",
	what:        "the volume settings",
	description: "Speaker and microphone levels of the panel (`intercom/gconfig/volume`).",
	endpoints:   []endpointSpec{gconfigBlock("volume", "oGConfigVolume")},
	fields: []fieldSpec{
		intField("panel_volume", "iPanelBeepVolume", "Volume of melodies and system sounds on the panel, 1 to 100.", between(1, 100)),
		intField("line_volume", "iLineBeepVolume", "Volume of melodies and system sounds sent into the line, 1 to 100.", between(1, 100)),
		intField("microphone_gain", "iMicGainLevel", "Microphone gain selector, 0 to 7.", between(0, 7)),
		intField("speaker_gain", "iSpAttLevel", "Speaker gain selector, 0 to 7. The vendor calls it gain but names it attenuation; which way it goes is not documented.", between(0, 7)),
	},
})
