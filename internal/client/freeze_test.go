package client_test

import (
	"errors"
	"testing"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

func TestFreezeWhy(t *testing.T) {
	const gw = "https://gw.example/panels"
	for _, tc := range []struct {
		name        string
		managed     map[string]bool
		selected    []string
		selectedSet bool
		panel       string
		frozen      bool
	}{
		{name: "no rules", panel: gw + "/1"},
		{name: "managed false", managed: map[string]bool{gw + "/1": false}, panel: gw + "/1", frozen: true},
		{name: "other panel", managed: map[string]bool{gw + "/1": false}, panel: gw + "/17"},
		{name: "prefix freezes below", managed: map[string]bool{gw: false}, panel: gw + "/17", frozen: true},
		{name: "longer key wins", managed: map[string]bool{gw: false, gw + "/17": true}, panel: gw + "/17"},
		{name: "spelling", managed: map[string]bool{"HTTPS://GW.example:443/panels/1/": false}, panel: gw + "/1", frozen: true},
		{name: "selected", selected: []string{gw + "/1"}, selectedSet: true, panel: gw + "/1"},
		{name: "not selected", selected: []string{gw + "/1"}, selectedSet: true, panel: gw + "/17", frozen: true},
		{name: "selected prefix", selected: []string{gw}, selectedSet: true, panel: gw + "/17"},
		{name: "selected overrides managed", managed: map[string]bool{gw + "/1": false}, selected: []string{gw + "/1"}, selectedSet: true, panel: gw + "/1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := client.NewFreeze(tc.managed, tc.selected, tc.selectedSet)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Why(tc.panel) != ""; got != tc.frozen {
				t.Errorf("frozen = %v, want %v (why %q)", got, tc.frozen, f.Why(tc.panel))
			}
		})
	}
}

// A frozen panel gets no request at all, whatever asks; the others do.
func TestFrozenPanelGetsNoRequest(t *testing.T) {
	fleet, srv := startFleet(t)
	f, err := client.NewFreeze(map[string]bool{srv.URL + "/panels/2": false}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	root := newClient(t, srv.URL, client.WithFreeze(f))
	frozen, _ := root.WithAddress(srv.URL + "/panels/2")
	_, err = frozen.GetSIPConfig(t.Context())
	var fe *client.FrozenError
	if !errors.As(err, &fe) || fe.Panel != srv.URL+"/panels/2" {
		t.Fatalf("GetSIPConfig on a frozen panel = %v, want a *FrozenError naming it", err)
	}
	if _, err := frozen.UploadFirmware(t.Context(), "mcu", "fw.bin", nil, 0); !errors.As(err, &fe) {
		t.Fatalf("UploadFirmware on a frozen panel = %v, want a *FrozenError", err)
	}
	if n := fleet.Panel("/panels/2").Requests("GET") + fleet.Panel("/panels/2").Requests("POST"); n != 0 {
		t.Errorf("the frozen panel got %d requests", n)
	}
	if _, err := root.GetSIPConfig(t.Context()); err != nil {
		t.Errorf("the managed panel: %v", err)
	}
}
