package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Field constructors for the common shapes, so a block spec reads as a
// table. Every field they make is unmanaged when left out.

func intField(name, wire, description string, checks ...validator.Number) fieldSpec {
	return fieldSpec{name: name, wire: wire, kind: kindInt, description: description, intValidators: checks}
}

func boolField(name, wire, description string) fieldSpec {
	return fieldSpec{name: name, wire: wire, kind: kindBool, description: description}
}

func oneOfField(name, wire, description string, values ...string) fieldSpec {
	return fieldSpec{name: name, wire: wire, description: description,
		stringValidators: []validator.String{stringvalidator.OneOf(values...)}}
}

// textField is display text: the panel may pad it with spaces, which are
// not part of it.
func textField(name, wire, description string) fieldSpec {
	return fieldSpec{name: name, wire: wire, description: description, equal: equalText,
		stringValidators: []validator.String{textValidator(name, true)}}
}

var digitsOnly = regexp.MustCompile(`^[0-9]+$`)

// codeField is a secret code of digits. The wire carries it as a string,
// leading zeros and all (the vendor's tables wrongly call it an integer).
func codeField(name, wire, description string) fieldSpec {
	return fieldSpec{name: name, wire: wire, description: description + " A string of digits; leading zeros are kept.",
		sensitive: true,
		stringValidators: []validator.String{stringvalidator.RegexMatches(digitsOnly,
			"must be a string of digits 0-9, such as \"041807\" (quote it, so leading zeros are kept)")}}
}

// hostListField is a list of host names the panel keeps space-separated.
func hostListField(name, wire, description string) fieldSpec {
	return fieldSpec{name: name, wire: wire, kind: kindList, equal: equalHost, description: description,
		listValidators: []validator.List{listvalidator.ValueStringsAre(hostValidator(name, false))}}
}

// gconfigBlock is a block of intercom/gconfig: its own path takes a
// wrapped POST, and the aggregate GET serves it too.
func gconfigBlock(name, wrapper string) endpointSpec {
	return endpointSpec{path: "intercom/gconfig/" + name, wrapper: wrapper, aggregated: true}
}
