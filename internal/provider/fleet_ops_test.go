package provider

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// Panels with their own admin passwords, picked by the longest address
// prefix on path-segment boundaries, and none of them in state.
func TestAccProvider_panelCredentials(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	fleet.Panel("/a").SetCredentials("a-admin", "a-pw-5e1f")
	fleet.Panel("/b").SetCredentials(testAdminUser, "b-pw-93c0")
	fleet.Panel("/gw/1").SetCredentials("gw", "gw-pw-77aa")
	cfg := fmt.Sprintf(`
provider "intercom" {
  username = %[2]q
  password = %[3]q
  panels = {
    "%[1]s/a"  = { username = "a-admin", password = "a-pw-5e1f" }
    "%[1]s/b"  = { password = "b-pw-93c0" }
    "%[1]s/gw" = { username = "gw", password = "gw-pw-77aa" }
  }
}
`, fleet.URL, testAdminUser, testAdminPassword)
	// /a1 and /gw1 are not below /a and /gw: they use the provider's
	// credentials; /gw/1 is below /gw.
	for _, p := range []string{"a", "a1", "b", "gw/1", "gw1"} {
		cfg += fmt.Sprintf("resource \"intercom_timeouts\" %q {\n  address = \"%s/%s\"\n  door_open_ms = 4000\n}\n",
			strings.ReplaceAll(p, "/", "_"), fleet.URL, p)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(s *terraform.State) error {
				for _, p := range []string{"/a", "/a1", "/b", "/gw/1", "/gw1"} {
					if got := fleet.Panel(p).Block("intercom/gconfig/timeouts")["iTimeoutMsHoldOpenDoorLock"]; got != int64(4000) {
						return fmt.Errorf("panel %s holds %v", p, got)
					}
				}
				return stateLacks(s, "a-pw-5e1f", "b-pw-93c0", "gw-pw-77aa", testAdminPassword)
			},
		}},
	})
}

// blackhole listens on a free loopback port with a backlog that is full
// and never accepted from, so a connect there is never answered, as with a
// panel behind a dropped route. It serves h until hide is called.
func blackhole(t *testing.T, h http.Handler) (url string, hide func()) {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	file := os.NewFile(uintptr(fd), "blackhole")
	t.Cleanup(func() { file.Close() })
	// The server gets a duplicate of the socket: closing it stops the
	// accepting, while the socket itself stays open and listening.
	ln, err := net.FileListener(file)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	addr := ln.Addr().String()
	return "http://" + addr, func() {
		srv.Close()
		for i := 0; i < 8; i++ {
			c, err := (&net.Dialer{Timeout: 200 * time.Millisecond}).DialContext(t.Context(), "tcp", addr)
			if err != nil {
				return // the backlog is full: connects now go unanswered
			}
			t.Cleanup(func() { c.Close() })
		}
	}
}

// stateLacks fails when any secret is in any attribute of the state.
func stateLacks(s *terraform.State, secrets ...string) error {
	for _, m := range s.Modules {
		for name, r := range m.Resources {
			for attr, v := range r.Primary.Attributes {
				for _, secret := range secrets {
					if strings.Contains(v, secret) {
						return fmt.Errorf("%s.%s holds a credential", name, attr)
					}
				}
			}
		}
	}
	return nil
}

// With unreachable_panels = "warn", a refused and a blackholed panel each
// cost a warning, not the plan; the plan goes on for the others and shows
// their drift; a write to an offline panel fails for it alone; and the
// blackhole costs about connect_timeout, not request_timeout.
func TestAccProvider_unreachablePanels(t *testing.T) {
	t.Parallel()
	fleet := startFleet(t)
	refused := httptest.NewServer(fleet.Server)
	holeURL, hide := blackhole(t, fleet.Server)
	panels := map[string]string{"ok": fleet.URL + "/ok", "refused": refused.URL + "/refused", "hole": holeURL + "/hole"}
	config := func(policy string, ms map[string]int) string {
		cfg := cliRequired + providerConfig(fleet.URL, "max_retries = 1", `connect_timeout = "1s"`, `request_timeout = "20s"`,
			`unreachable_panels = "`+policy+`"`)
		for _, name := range []string{"ok", "refused", "hole"} {
			cfg += fmt.Sprintf("resource \"intercom_timeouts\" %q {\n  address = %q\n  door_open_ms = %d\n}\n", name, panels[name], ms[name])
		}
		return cfg
	}
	same := map[string]int{"ok": 4000, "refused": 4000, "hole": 4000}
	cli := newCLIRun(t)
	cli.write("main.tf", config("warn", same))
	cli.run("init")
	cli.run("apply", "-auto-approve")

	refused.Close()
	hide()
	fleet.Panel("/ok").SetBlock("intercom/gconfig/timeouts", fakepanel.Values{"iTimeoutMsHoldOpenDoorLock": int64(9000)})
	start := time.Now()
	// -json keeps every warning; the human output folds similar ones.
	out := cli.run("plan", "-json")
	took := time.Since(start)
	if n := strings.Count(out, `"summary":"Panel Unreachable"`); n != 2 {
		t.Errorf("the plan gave %d unreachable warnings, want 2:\n%s", n, out)
	}
	for _, want := range []string{"Panel " + panels["refused"], "Panel " + panels["hole"], "no connection within 1s (connect_timeout)",
		"intercom_timeouts.ok: Plan to update", "1 to change"} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan output lacks %q:\n%s", want, out)
		}
	}
	// Two attempts of the blackhole at 1 s each, plus the backoff between
	// them; far below the 2 x 20 s the request timeout would cost.
	if took > 12*time.Second {
		t.Errorf("the plan took %s with a blackholed panel", took)
	}

	cli.write("main.tf", config("warn", map[string]int{"ok": 5000, "refused": 5000, "hole": 4000}))
	out = cli.runFail("apply", "-auto-approve")
	if !strings.Contains(out, "Error Writing Door Timeouts") || !strings.Contains(out, panels["refused"]) {
		t.Errorf("the apply to an offline panel did not fail for it:\n%s", out)
	}
	if got := fleet.Panel("/ok").Block("intercom/gconfig/timeouts")["iTimeoutMsHoldOpenDoorLock"]; got != int64(5000) {
		t.Errorf("the reachable panel was not written while another was offline: it holds %v", got)
	}

	cli.write("main.tf", config("error", map[string]int{"ok": 5000, "refused": 4000, "hole": 4000}))
	out = cli.runFail("plan")
	if !strings.Contains(out, "Error Reading Door Timeouts") {
		t.Errorf("with unreachable_panels = \"error\" the plan did not fail:\n%s", out)
	}
}
