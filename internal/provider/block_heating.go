package provider

var heatingBlock = compileBlock(&blockSpec{
	typeName:  "heating",
	title:     "Heating",
	what:      "the IP block heating thresholds",
	endpoints: []endpointSpec{gconfigBlock("ip_block", "oGConfigIPBlock")},
	description: "Temperatures, in °C, at which the IP block's heater and power are switched on and off (`intercom/gconfig/ip_block`). " +
		"They may be negative. The vendor documents no ranges or ordering (its examples even swap the heater pair, " +
		"and show -128), so any whole number is passed through.",
	fields: []fieldSpec{
		intField("heat_on_temperature", "iTemperatureHeatOn", "The heater switches on at this temperature."),
		intField("heat_off_temperature", "iTemperatureHeatOff", "The heater switches off at this temperature."),
		intField("power_on_temperature", "iTemperatureIPBlockPowerOn", "The IP block's power switches on at this temperature."),
		intField("power_off_temperature", "iTemperatureIPBlockPowerOff", "The IP block's power switches off at this temperature."),
	},
})
