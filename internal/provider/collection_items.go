package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var (
	flatNumber = regexp.MustCompile(`^[1-9][0-9]{0,3}$`)
	keyUID     = regexp.MustCompile(`^[0-9A-F]{1,14}$`)
	codeDigits = regexp.MustCompile(`^[0-9]{4,6}$`)
	codeLabel  = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)
)

// panelKey is the key of an item on the panel, as the map spells it.
func (c *collectionSpec) panelKey(v client.Values) string {
	return strings.ToUpper(fmt.Sprint(v[c.coll.Key]))
}

// newKey is the map key of an item the resource did not list: its own
// key, or for codes a label that does not tell the code, flat-<apartment>-
// <n>, numbered in code order.
func (c *collectionSpec) newKey(v client.Values, taken map[string]tftypes.Value) string {
	if !c.labelled {
		return c.panelKey(v)
	}
	for n := 1; ; n++ {
		label := fmt.Sprintf("flat-%d-%d", defInt(v["iFlatID"]), n)
		if _, used := taken[label]; !used {
			return label
		}
	}
}

// intItem is an integer attribute that defaults to 0, as in the vendor's
// examples.
func intItem(name, wire, description string) itemField {
	return itemField{name: name, wire: wire, kind: kindInt, def: int64(0), description: description}
}

// flatItem is the flat an item belongs to: flats are 1 to 9999, and the
// vendor's examples use 0 for none.
func flatItem(description string) itemField {
	f := intItem("apartment", "iFlatID", description)
	f.numbers = []validator.Number{between(0, 9999)}
	return f
}

var apartmentsCollection = compileCollection(&collectionSpec{
	typeName: "apartments",
	title:    "Apartments",
	what:     "the flats",
	mapAttr:  "apartments",
	keyText:  "flat number, `\"1\"` to `\"9999\"`",
	//nolint:misspell // the vendor's path is spelled so.
	description: "The flats of one panel (`intercom/appartments`, sic): who can be called and how. Listing flats is " +
		"slow on the panel (about 8 s per 100), so a refresh of a large building takes minutes; the provider's " +
		"`list_timeout` bounds it, and a slow list is never retried.",
	keyPattern: flatNumber,
	keyRule:    "must be a flat number from \"1\" to \"9999\", without leading zeros",
	coll:       client.Collection{Path: "intercom/appartments", Wrapper: "aFlats", Key: "iFlatID"}, //nolint:misspell // the vendor's path is spelled so.
	wireKey: func(key string) any {
		n, _ := strconv.ParseInt(key, 10, 64)
		return n
	},
	fields: []itemField{
		intItem("type", "iFlatType", "Premises type: 0 unknown, 1 apartment, 2 office (the vendor's list is open)."),
		{name: "analog_calls", wire: "iAnalogCallAccess", kind: kindBool, def: true, description: "Analog (line) calls to this flat are allowed."},
		{name: "voip_calls", wire: "iVoipCallAccess", kind: kindBool, def: true, description: "VoIP calls to this flat are allowed."},
		{name: "voip_address", wire: "sVoipAddress", kind: kindString, def: "", description: "SIP URI or address to call over VoIP, such as `sip:flat12@pbx.example`.",
			validators: []validator.String{textValidator("voip_address", true)}},
		intItem("digital_address", "iDigitalAddress", "Digital address of the flat's device or channel."),
		intItem("matrix_address", "iMatrixAddress", "Address in the coordinate matrix."),
		intItem("analog_handset", "iAtAnalog", "Address of the handset for analog calls."),
		intItem("ring_device", "iAtRing", "Address of the device that rings."),
		intItem("voip_device", "iAtVoip", "Address of the device for VoIP calls."),
		intItem("external_voip_device", "iExtAtVoip", "External device or address used in a VoIP call."),
		intItem("panel_analog", "iPanelAnalog", "Id of the analog module or panel."),
		intItem("hung_level", "iHungVoltage", "Hung-up level selector: 0 normal, 1 low (the vendor's list is open)."),
		intItem("speak_level", "iSpeakVoltage", "Talk level: 0 off, 1 on."),
		intItem("unlock_level", "iUnlockVoltage", "Unlock level: 0 off, 1 on."),
	},
})

var rfidKeysCollection = compileCollection(&collectionSpec{
	typeName: "rfid_keys",
	title:    "RFID Keys",
	what:     "the RFID keys",
	mapAttr:  "keys",
	keyText:  "key UID in upper-case hex, 1 to 14 characters (`\"DDCCBBAA\"`)",
	description: "The RFID keys that open the door (`intercom/rfids`). Residents may enrol keys at the panel itself; " +
		"with `exclusive = false` those are left alone, and with `exclusive = true` they show in the plan as deletions.",
	keyPattern: keyUID,
	keyRule:    "must be a key UID of 1 to 14 hex digits in upper case, such as \"DDCCBBAA\"",
	coll:       client.Collection{Path: "intercom/rfids", Wrapper: "aKeys", Key: "sKeyUid"},
	wireKey:    func(key string) any { return key },
	fields: []itemField{
		flatItem("The flat the key belongs to, 1 to 9999; 0 for none."),
		intItem("type", "iKeyType", "Key type (not documented by the vendor)."),
		intItem("lock_access", "iLockAccess", "Which doors or zones the key opens (not documented by the vendor)."),
		intItem("scene", "iSceneID", "The flat mode the key triggers."),
	},
})

var accessCodesCollection = compileCollection(&collectionSpec{
	typeName:    "access_codes",
	title:       "Access Codes",
	what:        "the entry codes",
	mapAttr:     "codes",
	keyText:     "a label of your choosing (`flat-12`), so that a plan names the code without showing it",
	dataKeyText: "a label that does not tell the code, `flat-<apartment>-<n>`, numbered in code order",
	description: "The entry codes typed at the keypad (`intercom/codes`). The map is keyed by a label, because a map " +
		"key cannot be hidden and a code must never show in a plan: a reviewer sees \"the code labelled flat-12 changes\". " +
		"Codes on the panel that no label names (after an import, or with `exclusive`) are labelled `flat-<apartment>-<n>`, " +
		"numbered in code order. Changing a code's digits deletes the old code and adds the new one.",
	keyPattern: codeLabel,
	keyRule:    "must be a label of letters, digits, '-', '_' or '.', such as \"flat-12\"",
	coll:       client.Collection{Path: "intercom/codes", Wrapper: "aCodes", Key: "sCodeID"},
	labelled:   true,
	fields: []itemField{
		{name: "code", wire: "sCodeID", kind: kindString, sensitive: true, description: "The code: 4 to 6 digits, leading zeros kept.",
			validators: []validator.String{stringvalidator.RegexMatches(codeDigits, "must be 4 to 6 digits, such as \"04921\"")}},
		flatItem("The flat the code belongs to, 1 to 9999; 0 for none."),
		intItem("type", "iCodeType", "Code type (not documented by the vendor)."),
		intItem("special_mode", "iSpecialMode", "Special mode the code triggers."),
	},
})
