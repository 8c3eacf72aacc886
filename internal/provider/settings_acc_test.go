package provider

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// setting is one attribute of a block as the configuration writes it and
// as the panel must then hold it.
type setting struct {
	attr, hcl string
	path      string // the emulator's path of the wire field
	wire      string
	want      any // the wire value: int64, string or bool
}

// settingsCase is one settings block in the table-driven suite. Adding a
// block adds a row here, not a test.
type settingsCase struct {
	resource string
	create   []setting // set on create
	update   []setting // then changed one per step, each a new value
	// unmanaged is left out of the configuration; changed at the panel, it
	// shows no diff and an update sends it back as the panel has it.
	unmanaged setting
	invalid   map[string]string // hcl line -> the error it must give
	// dataAttr is read back through the data source of the same name.
	dataAttr, dataWant string
}

var settingsCases = []settingsCase{
	{
		resource: "intercom_timeouts",
		create:   []setting{{"door_open_ms", "5000", "intercom/gconfig/timeouts", "iTimeoutMsHoldOpenDoorLock", int64(5000)}},
		update: []setting{
			{"door_open_ms", "7000", "intercom/gconfig/timeouts", "iTimeoutMsHoldOpenDoorLock", int64(7000)},
			{"call_ms", "60000", "intercom/gconfig/timeouts", "iTimeoutMsCallLine", int64(60000)},
			{"talk_ms", "600000", "intercom/gconfig/timeouts", "iTimeoutMsLineTalking", int64(600000)},
			{"return_to_idle_ms", "15000", "intercom/gconfig/timeouts", "iTimeoutMsReturnToIdle", int64(15000)},
		},
		unmanaged: setting{"default_ms", "", "intercom/gconfig/timeouts", "iDefaultTimeoutMs", int64(2500)},
		invalid:   map[string]string{`door_open_ms = -1`: `door_open_ms must be a whole number between 0 and`, `call_ms = 1.5`: `call_ms must be a whole number`},
		dataAttr:  "door_open_ms", dataWant: "7000",
	},
	{
		resource: "intercom_volume",
		create:   []setting{{"panel_volume", "80", "intercom/gconfig/volume", "iPanelBeepVolume", int64(80)}},
		update: []setting{
			{"line_volume", "60", "intercom/gconfig/volume", "iLineBeepVolume", int64(60)},
			{"microphone_gain", "7", "intercom/gconfig/volume", "iMicGainLevel", int64(7)},
		},
		unmanaged: setting{"speaker_gain", "", "intercom/gconfig/volume", "iSpAttLevel", int64(3)},
		invalid:   map[string]string{`panel_volume = 0`: `panel_volume must be a whole number between 1 and 100`, `microphone_gain = 8`: `between 0 and 7`},
		dataAttr:  "panel_volume", dataWant: "80",
	},
	{
		resource:  "intercom_special_modes",
		create:    []setting{{"permanent_lock_open", "3", "intercom/gconfig/special_modes", "iPermanentLockOpen", int64(3)}},
		update:    []setting{{"permanent_lock_open", "0", "intercom/gconfig/special_modes", "iPermanentLockOpen", int64(0)}},
		unmanaged: setting{"all_keys_open", "", "intercom/gconfig/special_modes", "iAllKeyOpenMode", int64(1)},
		invalid:   map[string]string{`all_keys_open = "on"`: `Inappropriate value for attribute "all_keys_open"`},
		dataAttr:  "permanent_lock_open", dataWant: "0",
	},
	{
		resource: "intercom_line_levels",
		create:   []setting{{"break_level", "35000", "intercom/gconfig/line_state_levels", "iDefaultBreakAdcLevel", int64(35000)}},
		update: []setting{
			{"short_circuit_level", "9", "intercom/gconfig/line_state_levels", "iDefaultKzAdcLevel", int64(9)},
			{"min_level_jump", "330", "intercom/gconfig/line_state_levels", "iMinJumpValueToAnotherLevel", int64(330)},
			{"hung_tolerance", "410", "intercom/gconfig/line_state_levels", "iAllowImprecisionHung", int64(410)},
		},
		unmanaged: setting{"talk_level", "", "intercom/gconfig/line_state_levels", "iDefaultSpeakAdcLevel", int64(2090)},
		invalid:   map[string]string{`talk_tolerance = -5`: `talk_tolerance must be a whole number between 0`},
		dataAttr:  "break_level", dataWant: "35000",
	},
	{
		resource: "intercom_service_codes",
		create:   []setting{{"open_door_code", `"012345"`, "intercom/gconfig/default_codes", "sDefaultOpenDoorMagicCode", "012345"}},
		update: []setting{
			{"open_door_code", `"054321"`, "intercom/gconfig/default_codes", "sDefaultOpenDoorMagicCode", "054321"},
			{"keep_open_code", `"000111"`, "intercom/gconfig/default_codes", "sDefaultKeepOpenedCode", "000111"},
		},
		unmanaged: setting{"test_menu_code", "", "intercom/gconfig/default_codes", "sEnterTestMenuCode", "999999"},
		invalid:   map[string]string{`open_door_code = "12a45"`: `open_door_code.*string of digits`},
		dataAttr:  "auto_enroll_code", dataWant: "041807",
	},
	{
		resource: "intercom_dtmf",
		create:   []setting{{"open_door_code", `"0420"`, "intercom/gconfig/dtmf_codes", "sOpenDoor", "0420"}},
		update: []setting{
			{"open_door_code", `"0421"`, "intercom/gconfig/dtmf_codes", "sOpenDoor", "0421"},
			{"method", `"rfc2833"`, "intercom/dtmf/method", "dtmf_method", "rfc2833"},
		},
		// The block's other object: an update of the code leaves the
		// method as the panel has it.
		unmanaged: setting{"method", "", "intercom/dtmf/method", "dtmf_method", "sip-info"},
		invalid:   map[string]string{`method = "inband"`: `method.*value must be one of`},
		dataAttr:  "method", dataWant: "rfc2833",
	},
	{
		resource: "intercom_display_texts",
		create:   []setting{{"idle", `"ДОБРО ПОЖАЛОВАТЬ"`, "intercom/gconfig/text", "sIdle", "ДОБРО ПОЖАЛОВАТЬ"}},
		update: []setting{
			{"call", `"ЗВОНОК"`, "intercom/gconfig/text", "sCall", "ЗВОНОК"},
			{"auto_enroll", `"НОВЫЙ КЛЮЧ"`, "intercom/gconfig/text", "sAddAuto", "НОВЫЙ КЛЮЧ"},
		},
		unmanaged: setting{"error", "", "intercom/gconfig/text", "sError", " СБОЙ "},
		invalid:   map[string]string{`idle = "a\tb"`: `idle is not valid: it contains a control character`},
		dataAttr:  "idle", dataWant: "ДОБРО ПОЖАЛОВАТЬ",
	},
	{
		resource: "intercom_heating",
		create:   []setting{{"heat_on_temperature", "-25", "intercom/gconfig/ip_block", "iTemperatureHeatOn", int64(-25)}},
		update: []setting{
			{"heat_off_temperature", "-5", "intercom/gconfig/ip_block", "iTemperatureHeatOff", int64(-5)},
			{"power_off_temperature", "-40", "intercom/gconfig/ip_block", "iTemperatureIPBlockPowerOff", int64(-40)},
		},
		unmanaged: setting{"power_on_temperature", "", "intercom/gconfig/ip_block", "iTemperatureIPBlockPowerOn", int64(-12)},
		invalid:   map[string]string{`heat_on_temperature = -2.5`: `heat_on_temperature must be a whole number`},
		dataAttr:  "heat_on_temperature", dataWant: "-25",
	},
	{
		resource: "intercom_ntp",
		create:   []setting{{"servers", `["ntp1.example.net", "10.0.0.1"]`, "network/ntp", "sNtpServers", "ntp1.example.net 10.0.0.1"}},
		update: []setting{
			{"refresh_minutes", "30", "network/ntp", "iRefreshTime", int64(30)},
			{"time_zone", `"RussianStandardTime-3"`, "network/ntp", "sTimeZone", "RussianStandardTime-3"},
			{"daylight_saving", "true", "network/ntp", "bDstEnabled", true},
			{"enabled", "false", "network/ntp", "bNtpEnabled", false},
		},
		unmanaged: setting{"time_zone", "", "network/ntp", "sTimeZone", "UTC0"},
		invalid: map[string]string{
			`servers = ["ntp one.example"]`: `servers.*white space`,
			`refresh_minutes = 0`:           `refresh_minutes must be a whole number between 1`,
		},
		dataAttr: "time_zone", dataWant: "RussianStandardTime-3",
	},
	{
		resource: "intercom_syslog",
		create:   []setting{{"server", `"10.1.2.3:514"`, "system/syslog/settings", "address", "10.1.2.3:514"}},
		update: []setting{
			{"protocol", `"tcp"`, "system/syslog/settings", "protocol", "tcp"},
			{"enabled", "false", "system/syslog/settings", "enable", false},
			{"level", `"warning"`, "system/syslog/settings", "level", "warning"},
		},
		unmanaged: setting{"retention", "", "system/syslog/settings", "retention_time", int64(7200)},
		invalid: map[string]string{
			`server = "logs.example:514"`: `server is not valid: it is not IPv4:port`,
			`protocol = "tls"`:            `protocol.*value must be one of`,
		},
		dataAttr: "server", dataWant: "10.1.2.3:514",
	},
	{
		resource: "intercom_alert_volume",
		create:   []setting{{"volume", "0", "emergency_alert/volume", "iVolume", int64(0)}},
		update: []setting{
			{"night_volume", "20", "emergency_alert/volume", "iScheduleVolume", int64(20)},
			{"schedule_enabled", "false", "emergency_alert/volume", "bScheduleStatus", false},
			{"schedule", `"22:00 - 07:00"`, "emergency_alert/volume", "sScheduleTime", "22:00 - 07:00"},
		},
		unmanaged: setting{"schedule", "", "emergency_alert/volume", "sScheduleTime", "01:00 - 02:00"},
		invalid: map[string]string{
			`volume = 101`:         `volume must be a whole number between 0 and 100`,
			`schedule = "22:00-7"`: `schedule.*must be a window`,
		},
		dataAttr: "volume", dataWant: "0",
	},
}

func (tc settingsCase) address() string { return tc.resource + ".test" }

func (tc settingsCase) config(fleetURL string, lines map[string]string) string {
	names := make([]string, 0, len(lines))
	for name := range lines {
		names = append(names, name)
	}
	sort.Strings(names)
	body := ""
	for _, name := range names {
		body += "  " + name + " = " + lines[name] + "\n"
	}
	return providerConfig(fleetURL) + fmt.Sprintf("resource %q \"test\" {\n%s}\n", tc.resource, body)
}

// panelHolds checks the wire values the emulator now holds.
func panelHolds(p *fakepanel.Panel, want ...setting) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, s := range want {
			if got := p.Block(s.path)[s.wire]; got != s.want {
				return fmt.Errorf("panel holds %s.%s = %#v, want %#v", s.path, s.wire, got, s.want)
			}
		}
		return nil
	}
}

func expectAction(address string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, action)}}
}

// Every settings block goes through the same life: create, import with
// an empty plan, an attribute left out and changed at the panel (no diff,
// and the next update sends it back as the panel has it), an update of
// each attribute, drift shown and repaired, and the data source.
func TestAccSettingsResources(t *testing.T) {
	t.Parallel()
	for _, tc := range settingsCases {
		t.Run(tc.resource, func(t *testing.T) {
			t.Parallel()
			fleet := startFleet(t)
			panel := fleet.Panel("")
			lines := map[string]string{}
			for _, s := range tc.create {
				lines[s.attr] = s.hcl
			}
			u := tc.unmanaged
			steps := []resource.TestStep{
				{Config: tc.config(fleet.URL, lines), Check: panelHolds(panel, tc.create...)},
				{ResourceName: tc.address(), ImportState: true, ImportStateId: fleet.URL, ImportStateVerify: true},
				{
					PreConfig: func() { panel.SetBlock(u.path, fakepanel.Values{u.wire: u.want}) },
					Config:    tc.config(fleet.URL, lines),
					PlanOnly:  true,
				},
			}
			var applied []setting
			for i, s := range tc.update {
				lines[s.attr] = s.hcl
				applied = append(applied, s)
				held := append([]setting(nil), applied...)
				if i == 0 {
					held = append(held, u)
				}
				steps = append(steps, resource.TestStep{
					Config:           tc.config(fleet.URL, lines),
					ConfigPlanChecks: expectAction(tc.address(), plancheck.ResourceActionUpdate),
					Check:            panelHolds(panel, held...),
				})
			}
			last := tc.update[len(tc.update)-1]
			drifted := last
			drifted.want = changed(last.want)
			steps = append(steps,
				resource.TestStep{
					PreConfig:          func() { panel.SetBlock(drifted.path, fakepanel.Values{drifted.wire: drifted.want}) },
					Config:             tc.config(fleet.URL, lines),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
				},
				resource.TestStep{Config: tc.config(fleet.URL, lines), Check: panelHolds(panel, applied...)},
				resource.TestStep{
					Config: tc.config(fleet.URL, lines) + fmt.Sprintf("data %q \"test\" {}\n", tc.resource),
					Check:  resource.TestCheckResourceAttr("data."+tc.address(), tc.dataAttr, tc.dataWant),
				},
			)
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    steps,
			})
		})
	}
}

// changed is another value of the same type, as a technician might set.
func changed(v any) any {
	switch x := v.(type) {
	case int64:
		return x + 1
	case bool:
		return !x
	case string:
		if strings.Trim(x, "0123456789") == "" {
			return x + "1"
		}
		return x + "X"
	}
	return v
}

// Invalid values are refused at plan, naming the attribute, and never
// reach the panel.
func TestAccSettingsResources_validation(t *testing.T) {
	t.Parallel()
	for _, tc := range settingsCases {
		t.Run(tc.resource, func(t *testing.T) {
			t.Parallel()
			fleet := startFleet(t)
			refused := map[string]string{}
			for line, want := range tc.invalid {
				name, value, _ := strings.Cut(line, " = ")
				refused[tc.config(fleet.URL, map[string]string{name: value})] = want
			}
			expectRefusedAtPlan(t, fleet, refused)
		})
	}
}
