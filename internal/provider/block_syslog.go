package provider

import (
	"errors"
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var syslogBlock = compileBlock(&blockSpec{
	typeName:    "syslog",
	title:       "Syslog",
	what:        "the syslog settings",
	endpoints:   []endpointSpec{{path: "system/syslog/settings"}},
	description: "Where the panel sends its event log (`system/syslog/settings`).",
	fields: []fieldSpec{
		boolField("enabled", "enable", "Send events to the server."),
		{
			name: "server", wire: "address", description: "The syslog server as `IPv4:port`, such as `192.168.100.10:514`; the firmware does not take host names.",
			stringValidators: []validator.String{syslogServerValidator},
		},
		oneOfField("protocol", "protocol", "Transport: `udp` or `tcp`.", "udp", "tcp"),
		textField("level", "level", "Lowest severity sent, such as `debug`. The vendor does not list the values, so the text is passed through."),
		intField("retention", "retention_time", "How long events are kept; the vendor does not give the unit.", between(0, maxInt32)),
	},
})

var syslogServerValidator = stringCheck{
	description: "must be IPv4:port",
	summary:     summaryInvalidValue,
	subject:     "The server",
	hint:        " Allowed: an IPv4 address and a port, such as 192.168.100.10:514; the firmware does not take host names.",
	check: func(s string) error {
		ap, err := netip.ParseAddrPort(s)
		switch {
		case err != nil:
			return errors.New("it is not IPv4:port")
		case !ap.Addr().Is4():
			return errors.New("it is not an IPv4 address")
		case ap.Port() == 0:
			return errors.New("the port is 0")
		}
		return nil
	},
}
