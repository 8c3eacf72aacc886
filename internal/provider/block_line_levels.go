package provider

var lineLevelsBlock = compileBlock(&blockSpec{
	typeName:  "line_levels",
	title:     "Line Levels",
	what:      "the line state levels",
	endpoints: []endpointSpec{gconfigBlock("line_state_levels", "oGConfigLineStateLevels")},
	description: "Raw ADC levels and tolerances by which the panel reads the state of the analog line " +
		"(`intercom/gconfig/line_state_levels`). Units and ranges are not documented; whole numbers from 0 are accepted.",
	fields: []fieldSpec{
		intField("short_circuit_level", "iDefaultKzAdcLevel", "Level that means a short circuit on the line.", between(0, maxInt32)),
		intField("break_level", "iDefaultBreakAdcLevel", "Level that means a broken line (the vendor's examples show both 3500 and 35000).", between(0, maxInt32)),
		intField("talk_level", "iDefaultSpeakAdcLevel", "Level of the talking state.", between(0, maxInt32)),
		intField("unlock_level", "iDefaultUnlockAdcLevel", "Level of the unlock state.", between(0, maxInt32)),
		intField("hung_level", "iDefaultHungAdcLevel", "Level of the hung-up state.", between(0, maxInt32)),
		intField("talk_tolerance", "iAllowImprecisionSpeak", "Allowed deviation when detecting talking.", between(0, maxInt32)),
		intField("unlock_tolerance", "iAllowImprecisionUnlock", "Allowed deviation when detecting unlock.", between(0, maxInt32)),
		intField("hung_tolerance", "iAllowImprecisionHung", "Allowed deviation when detecting hung-up.", between(0, maxInt32)),
		intField("min_level_jump", "iMinJumpValueToAnotherLevel", "Smallest change that counts as a change of line state.", between(0, maxInt32)),
	},
})
