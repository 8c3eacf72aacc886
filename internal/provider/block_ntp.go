package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var ntpBlock = compileBlock(&blockSpec{
	typeName:    "ntp",
	title:       "NTP",
	what:        "the NTP settings",
	endpoints:   []endpointSpec{{path: "network/ntp"}},
	description: "Time synchronisation and time zone (`network/ntp`).",
	fields: []fieldSpec{
		boolField("enabled", "bNtpEnabled", "Synchronise the clock with NTP."),
		hostListField("servers", "sNtpServers", "NTP servers, as host names or IP addresses without ports."),
		intField("refresh_minutes", "iRefreshTime", "Minutes between synchronisations.", between(1, maxInt32)),
		func() fieldSpec {
			f := textField("time_zone", "sTimeZone", "Time zone, exactly as the panel lists it in `network/ntp/zone` (see "+
				"the `intercom_time_zones` data source), such as `RussianStandardTime-3` or `UTC0`.")
			f.rules = "It is checked against that list before it is sent."
			f.stringValidators = []validator.String{textValidator("time_zone", false)}
			return f
		}(),
		boolField("daylight_saving", "bDstEnabled", "Apply daylight saving time."),
	},
	checkWrite: checkTimeZone,
})

// checkTimeZone refuses a time zone the panel does not list, before the
// POST, naming the closest ones: the strings are long and easy to get
// slightly wrong ("RussianStandardTime-3" against "RussianStandartTime-3").
func checkTimeZone(ctx context.Context, c *client.Client, send, before client.Values, diags *diag.Diagnostics) {
	zone, _ := send["sTimeZone"].(string)
	if prior, ok := before["sTimeZone"]; ok && prior == zone {
		return
	}
	zones, err := c.TimeZones(ctx)
	if err != nil {
		diags.AddError("Error Writing NTP", "Could not read the time zones of panel "+c.BaseURL()+
			" to check time_zone before writing it: "+err.Error()+"\n\nCheck that the panel answers, then run terraform again.")
		return
	}
	for _, z := range zones {
		if z == zone {
			return
		}
	}
	sort.SliceStable(zones, func(i, j int) bool {
		return levenshtein.Distance(zone, zones[i], nil) < levenshtein.Distance(zone, zones[j], nil)
	})
	diags.AddAttributeError(path.Root("time_zone"), summaryInvalidValue, "Panel "+c.BaseURL()+" does not list the time zone "+
		`"`+zone+`". The closest it lists are "`+strings.Join(zones[:min(3, len(zones))], `", "`)+
		`". Use one of the intercom_time_zones data source's names, exactly as written.`)
}
