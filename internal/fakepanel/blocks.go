package fakepanel

import "strings"

// The settings blocks of the panel API (API-panel.md §2), as data: one
// entry per path. The wire format is declared here, apart from the
// client's, so that the emulator catches the client's mistakes instead of
// sharing them. Factory values are the vendor's GET examples.

// kind is a field's JSON type on the wire.
type kind int

const (
	kindString kind = iota
	kindInt
	kindBool
)

func (k kind) String() string {
	switch k {
	case kindInt:
		return "an integer"
	case kindBool:
		return "a boolean"
	default:
		return "a string"
	}
}

// field is one wire field of a block.
type field struct {
	name    string
	kind    kind
	factory any // int64, string or bool, by kind

	// Documented rules; the zero values check nothing.
	ranged   bool
	min, max int64
	oneOf    []string
	check    func(string) string // returns what is wrong, or ""

	digits bool // a code: a string of digits, kept as typed and never logged
	text   bool // a display text: trimmed, padded and cut by the panel's modes
	host   bool // host names: lower-cased by SetLowercaseHosts
}

// block is one settings object: GET answers its fields flat, POST takes
// them flat or inside wrapper.
type block struct {
	path     string
	wrapper  string // the POST wrapper and the aggregate's key; "" for a flat POST
	partial  bool   // a POST may leave fields out; they keep their value
	readOnly bool   // GET only; a POST answers 501
	list     bool   // GET answers a device-info style list of name/value items
	fields   []field
}

func intField(name string, factory int64) field {
	return field{name: name, kind: kindInt, factory: factory}
}

func rangeField(name string, lo, hi, factory int64) field {
	return field{name: name, kind: kindInt, factory: factory, ranged: true, min: lo, max: hi}
}

func stringField(name, factory string) field {
	return field{name: name, kind: kindString, factory: factory}
}

func boolField(name string, factory bool) field {
	return field{name: name, kind: kindBool, factory: factory}
}

func codeField(name, factory string) field {
	return field{name: name, kind: kindString, factory: factory, digits: true}
}

func textField(name, factory string) field {
	return field{name: name, kind: kindString, factory: factory, text: true}
}

// gconfigPath is the aggregate: every block with gconfig set, plus info.
const gconfigPath = "intercom/gconfig"

// blocks lists every block. The gconfig ones come first, in the vendor's
// order of topics.
var blocks = []*block{
	{path: "intercom/gconfig/timeouts", wrapper: "oGConfigTimeouts", fields: []field{
		// Milliseconds; the vendor documents no ranges.
		intField("iDefaultTimeoutMs", 2000),
		intField("iTimeoutMsCallLine", 10000),
		intField("iTimeoutMsHoldOpenDoorLock", 10000),
		intField("iTimeoutMsLineTalking", 30000),
		intField("iTimeoutMsReturnToIdle", 10000),
	}},
	{path: "intercom/gconfig/volume", wrapper: "oGConfigVolume", fields: []field{
		rangeField("iLineBeepVolume", 1, 100, 11),
		rangeField("iMicGainLevel", 0, 7, 1),
		rangeField("iPanelBeepVolume", 1, 100, 11),
		rangeField("iSpAttLevel", 0, 7, 1),
	}},
	{path: "intercom/gconfig/special_modes", wrapper: "oGConfigSpecialModes", fields: []field{
		// Not 0/1 flags: the aggregate example shows iPermanentLockOpen 3.
		intField("iAllKeyOpenMode", 0),
		intField("iPermanentLockOpen", 0),
	}},
	{path: "intercom/gconfig/line_state_levels", wrapper: "oGConfigLineStateLevels", fields: []field{
		intField("iDefaultKzAdcLevel", 7),
		intField("iDefaultBreakAdcLevel", 3500), // the POST example's 35000 is likely a typo
		intField("iDefaultSpeakAdcLevel", 2080),
		intField("iDefaultUnlockAdcLevel", 2680),
		intField("iDefaultHungAdcLevel", 850),
		intField("iAllowImprecisionSpeak", 150),
		intField("iAllowImprecisionUnlock", 200),
		intField("iAllowImprecisionHung", 400),
		intField("iMinJumpValueToAnotherLevel", 310),
	}},
	{path: "intercom/gconfig/default_codes", wrapper: "oGConfigDefaultCodes", fields: []field{
		codeField("sDefaultAddAutoKeysCode", "041807"),
		// Absent from the GET example but present in the aggregate's:
		// serve it, so a client cannot get away with needing it absent.
		codeField("sDefaultKeepOpenedCode", "162985"),
		codeField("sDefaultOpenDoorMagicCode", "62492"),
		codeField("sEnterTestMenuCode", "581427"),
	}},
	{path: "intercom/gconfig/dtmf_codes", wrapper: "oGConfigDtmfCodes", fields: []field{
		codeField("sOpenDoor", "14379"),
	}},
	{path: "intercom/gconfig/text", wrapper: "oGConfigText", fields: []field{
		// As the vendor's GET shows them, spaces and all.
		textField("sAddAuto", "АВТОСБОР"),
		textField("sAlert", "ВНИМАНИЕ"),
		textField("sCall", " ВЫЗОВ"),
		textField("sComplete", "ЗАВЕРШЕН"),
		textField("sEmpty", " "),
		textField("sEnter", " ВХОДИТЕ"),
		textField("sError", " ОШИБКА "),
		textField("sExit", " ВЫХОД"),
		textField("sIdle", " ДОМ_РУ"),
		textField("sOpen", " ОТКРЫТО"),
		textField("sReset", " СБРОС"),
		textField("sTell", "ГОВОРИТЕ"),
	}},
	{path: "intercom/gconfig/ip_block", wrapper: "oGConfigIPBlock", fields: []field{
		// °C; no ranges or ordering documented, and -128 may be a sentinel.
		intField("iTemperatureHeatOn", -20),
		intField("iTemperatureHeatOff", -10),
		intField("iTemperatureIPBlockPowerOn", -10),
		intField("iTemperatureIPBlockPowerOff", -15),
	}},
	{path: "intercom/gconfig/info", wrapper: "oGConfigInfo", readOnly: true, fields: []field{
		intField("iCRC", 4294967295), // does not fit in int32
		intField("iLength", 344),
		stringField("sVersion", "CFG v0.0.2"),
	}},
	{path: "intercom/dtmf/method", fields: []field{
		{name: "dtmf_method", kind: kindString, factory: "rfc2833", oneOf: []string{"rfc2833", "sip-info"}},
	}},
	{path: "network/ntp", fields: []field{
		boolField("bDstEnabled", false),
		boolField("bNtpEnabled", true),
		intField("iRefreshTime", 60),
		{name: "sNtpServers", kind: kindString, host: true,
			factory: "ntp0.ntp-servers.net ntp1.ntp-servers.net 0.ru.pool.ntp.org 1.ru.pool.ntp.org 2.ru.pool.ntp.org"},
		{name: "sTimeZone", kind: kindString, factory: "RussianStandardTime-3", check: checkZone},
	}},
	{path: "system/syslog/settings", partial: true, fields: []field{
		{name: "address", kind: kindString, factory: "192.168.100.10:514", check: checkIPv4Port},
		boolField("enable", true),
		stringField("level", "debug"), // values not documented: any string
		{name: "protocol", kind: kindString, factory: "udp", oneOf: []string{"udp", "tcp"}},
		intField("retention_time", 6000),
	}},
	{path: "emergency_alert/volume", fields: []field{
		rangeField("iVolume", 0, 100, 30),
		rangeField("iScheduleVolume", 0, 100, 70),
		boolField("bScheduleStatus", true),
		{name: "sScheduleTime", kind: kindString, factory: "20:16 - 20:17", check: checkSchedule},
	}},
	{path: "system/device-info", readOnly: true, list: true, fields: []field{
		// A list of {id, name, ro, value} items, in this order of ids.
		stringField("deviceName", "IP Videointercom"),
		stringField("serialNumber", "000000"),
		stringField("firmwareVersion", "V0.4.0 build 2024.02.05"),
		stringField("manufacturer", "Lartech"),
	}},
	{path: "firmware/version", readOnly: true, fields: []field{
		stringField("sCPUFirmwareVersion", "V0.4.7 build 2024.03.15"),
		stringField("sMCUFirmwareVersion", "INTERCOM V3.0.5.7(Mar 19 2024 14:34:17)"),
	}},
	{path: "network/lan", readOnly: true, fields: []field{
		stringField("sDNS1", "192.168.251.62"),
		stringField("sDNS2", "8.8.8.8"),
		stringField("sMAC", "52:9c:21:e4:7d:4c"),
		stringField("sV4Address", "172.24.1.50"),
		stringField("sV4Gateway", "172.24.1.49"),
		stringField("sV4Method", "static"),
		stringField("sV4Netmask", "255.255.255.240"),
	}},
}

// blockByPath finds a block by its API path, without the leading slash.
var blockByPath = func() map[string]*block {
	m := make(map[string]*block, len(blocks))
	for _, b := range blocks {
		m[b.path] = b
	}
	return m
}()

// inAggregate tells whether GET intercom/gconfig carries the block.
func (b *block) inAggregate() bool {
	return b.wrapper != "" && strings.HasPrefix(b.path, gconfigPath+"/")
}

func (b *block) field(name string) *field {
	for i := range b.fields {
		if b.fields[i].name == name {
			return &b.fields[i]
		}
	}
	return nil
}

// factory is the block as it leaves the factory.
func (b *block) factory() Values {
	v := make(Values, len(b.fields))
	for _, f := range b.fields {
		v[f.name] = f.factory
	}
	return v
}

// factoryBlocks is every block's factory values, by path.
func factoryBlocks() map[string]Values {
	m := make(map[string]Values, len(blocks))
	for _, b := range blocks {
		m[b.path] = b.factory()
	}
	return m
}
