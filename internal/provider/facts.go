package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// factsSpecs is every read-only data source of panel facts.
var factsSpecs = []*factsSpec{timeZonesFacts, deviceInfoFacts, networkFacts, doorsFacts}

var timeZonesFacts = &factsSpec{
	typeName: "time_zones",
	paths:    []string{"network/ntp/zone"},
	title:    "Time Zones",
	what:     "the panel's time zones",
	description: "The time zones a panel accepts as `intercom_ntp`'s `time_zone` " +
		"(`GET /api/v1.cgi/network/ntp/zone`). The names are opaque: use them exactly as listed.",
	attributes: map[string]schema.Attribute{
		"names": schema.ListAttribute{ElementType: types.StringType, Computed: true,
			MarkdownDescription: "Every time-zone name the panel lists, in its order, such as `UTC0` or `RussianStandardTime-3`."},
	},
	read: func(ctx context.Context, c *client.Client) (map[string]attr.Value, error) {
		zones, err := c.TimeZones(ctx)
		if err != nil {
			return nil, err
		}
		names, err := listOfStrings(ctx, zones)
		return map[string]attr.Value{"names": names}, err
	},
}

var deviceInfoFacts = &factsSpec{
	typeName: "device_info",
	paths:    []string{"system/device-info", "firmware/version"},
	title:    "Device Info",
	what:     "the device information",
	description: "What a panel says about itself (`GET /api/v1.cgi/system/device-info` and `firmware/version`): " +
		"its name, serial number, vendor and firmware. The version strings are free-form.",
	attributes: map[string]schema.Attribute{
		"device_name":      computedString("The device's name, such as `IP Videointercom`."),
		"serial_number":    computedString("The serial number."),
		"firmware_version": computedString("The firmware version as device-info reports it."),
		"manufacturer":     computedString("The manufacturer."),
		"cpu_firmware":     computedString("The CPU's firmware version (`sCPUFirmwareVersion`)."),
		"mcu_firmware":     computedString("The MCU's firmware version (`sMCUFirmwareVersion`)."),
	},
	read: func(ctx context.Context, c *client.Client) (map[string]attr.Value, error) {
		info, err := c.DeviceInfo(ctx)
		if err != nil {
			return nil, err
		}
		fw, err := c.Get(ctx, client.FirmwareVersion)
		if err != nil {
			return nil, err
		}
		// An entry the panel leaves out reads as null, not as "".
		named := func(name string) attr.Value {
			if v, ok := info[name]; ok {
				return types.StringValue(v)
			}
			return types.StringNull()
		}
		return map[string]attr.Value{
			"device_name": named("deviceName"), "serial_number": named("serialNumber"),
			"firmware_version": named("firmwareVersion"), "manufacturer": named("manufacturer"),
			"cpu_firmware": stringOrNull(fw, "sCPUFirmwareVersion"),
			"mcu_firmware": stringOrNull(fw, "sMCUFirmwareVersion"),
		}, nil
	},
}

var networkFacts = &factsSpec{
	typeName:    "network",
	paths:       []string{"network/lan"},
	title:       "Network",
	what:        "the network settings",
	description: "The panel's IPv4 settings as it uses them now, static or from DHCP (`GET /api/v1.cgi/network/lan`). Read-only: the provider does not change a panel's address.",
	attributes: map[string]schema.Attribute{
		"method":       computedString("How the address is obtained: `static` or `dhcp`. Null when the firmware does not say."),
		"ipv4_address": computedString("The panel's IPv4 address (`sV4Address`). Not `address`, which, as everywhere in this provider, names the panel to read."),
		"netmask":      computedString("The subnet mask."),
		"gateway":      computedString("The default gateway."),
		"dns": schema.ListAttribute{ElementType: types.StringType, Computed: true,
			MarkdownDescription: "The DNS servers, first then second; an empty second is left out."},
		"mac": computedString("The MAC address."),
	},
	read: func(ctx context.Context, c *client.Client) (map[string]attr.Value, error) {
		lan, err := c.Get(ctx, client.Network)
		if err != nil {
			return nil, err
		}
		text := func(wire string) attr.Value { return stringOrNull(lan, wire) }
		var dns []string
		for _, wire := range []string{"sDNS1", "sDNS2"} {
			if s, _ := lan[wire].(string); s != "" {
				dns = append(dns, s)
			}
		}
		servers, err := listOfStrings(ctx, dns)
		return map[string]attr.Value{
			"method": text("sV4Method"), "netmask": text("sV4Netmask"), "gateway": text("sV4Gateway"),
			"dns": servers, "mac": text("sMAC"), "ipv4_address": text("sV4Address"),
		}, err
	},
}

// stringOrNull is a string field of v, or null when the panel left it out.
func stringOrNull(v client.Values, wire string) attr.Value {
	if s, ok := v[wire].(string); ok {
		return types.StringValue(s)
	}
	return types.StringNull()
}
