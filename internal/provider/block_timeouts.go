package provider

var timeoutsBlock = compileBlock(&blockSpec{
	typeName:    "timeouts",
	title:       "Door Timeouts",
	what:        "the door and call timeouts",
	description: "How long the door stays open and how long calls may ring and talk, in milliseconds (`intercom/gconfig/timeouts`). The vendor documents no ranges; any whole number from 0 is accepted.",
	endpoints:   []endpointSpec{gconfigBlock("timeouts", "oGConfigTimeouts")},
	fields: []fieldSpec{
		intField("door_open_ms", "iTimeoutMsHoldOpenDoorLock", "How long the lock stays open after entry, in ms.", between(0, maxInt32)),
		intField("call_ms", "iTimeoutMsCallLine", "How long a call placed on the line may ring, in ms.", between(0, maxInt32)),
		intField("talk_ms", "iTimeoutMsLineTalking", "How long a conversation may last, in ms.", between(0, maxInt32)),
		intField("return_to_idle_ms", "iTimeoutMsReturnToIdle", "Delay before the panel goes back to idle, in ms.", between(0, maxInt32)),
		intField("default_ms", "iDefaultTimeoutMs", "The generic default timeout, in ms.", between(0, maxInt32)),
	},
})
