package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var sipConfigBlock = compileBlock(&blockSpec{
	typeName: "sip_config",
	title:    "SIP Config",
	what:     "the SIP settings",
	description: "The SIP account of one intercom panel. Every panel has exactly one, so this resource " +
		"adopts it rather than creating it: apply writes all seven fields with `POST /api/v1.cgi/intercom/sip/config` " +
		"and reads them back; refresh reads them, so changes made at the panel show as drift. " +
		"Destroy only removes the resource from state unless `reset_on_destroy` is true.",
	endpoints: []endpointSpec{{path: "intercom/sip/config", wrapper: "oSip"}},
	reset:     client.Values{"sUser": "", "sPassword": "", "sDomain": "", "sProxy": "", "sRealm": "*", "sProtocol": "udp", "iPort": int64(5060)},
	fields: []fieldSpec{
		{
			name: "user", wire: "sUser", presence: required, equal: equalText,
			description:      "SIP user name the panel registers with.",
			rules:            "Not empty, no control characters.",
			stringValidators: []validator.String{textValidator("user", false)},
		},
		{
			name: "password", wire: "sPassword", presence: optional, sensitive: true, masked: true, writeOnly: true,
			description: "SIP password.",
			rules: "Unset (and no `password_wo`) sends `\"\"`. It is stored in state: protect the state, or use " +
				"`password_wo`. On firmware that masks it (`****`) the value from state is kept, so drift of the " +
				"password cannot be seen there.",
		},
		{
			name: "domain", wire: "sDomain", presence: required, equal: equalHost,
			description:      "SIP server domain: a host name or IP address.",
			stringValidators: []validator.String{hostValidator("domain", false)},
		},
		{
			name: "proxy", wire: "sProxy", presence: defaulted, def: "", equal: equalHost,
			description:      "SIP outbound proxy: a host name or IP address, optionally with `:port`; empty for none.",
			stringValidators: []validator.String{hostValidator("proxy", true)},
		},
		{
			name: "realm", wire: "sRealm", presence: defaulted, def: "*", equal: equalText,
			description:      "SIP authentication realm; `*` accepts any.",
			rules:            "No control characters.",
			stringValidators: []validator.String{textValidator("realm", true)},
		},
		{
			name: "protocol", wire: "sProtocol", presence: defaulted, def: "udp",
			description:      "SIP transport: `udp`, `tcp` or `tls`.",
			stringValidators: []validator.String{stringvalidator.OneOf("udp", "tcp", "tls")},
		},
		{
			name: "port", wire: "iPort", kind: kindInt, presence: defaulted, def: int64(5060),
			description:   "SIP server port, 1 to 65535.",
			intValidators: []validator.Number{between(1, 65535)},
		},
	},
})
