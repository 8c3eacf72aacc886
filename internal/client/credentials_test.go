package client

import "testing"

func TestPanelCredentialsLongestPrefix(t *testing.T) {
	c, err := New("", "admin", "fleet-pw", WithPanelCredentials(map[string]Credentials{
		"https://gw.example/panels":   {Username: "gw", Password: "gw-pw"},
		"https://gw.example/panels/1": {Password: "one-pw"},
		"10.0.0.7":                    {Username: "seven", Password: "seven-pw"},
	}))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][2]string{
		"https://gw.example/panels/1":  {"admin", "one-pw"}, // username falls back
		"https://GW.example/panels/1/": {"admin", "one-pw"},
		"https://gw.example/panels/17": {"gw", "gw-pw"}, // not below …/panels/1
		"https://gw.example/panels":    {"gw", "gw-pw"},
		"https://gw.example/other":     {"admin", "fleet-pw"},
		"10.0.0.7":                     {"seven", "seven-pw"},
		"http://10.0.0.7/x":            {"seven", "seven-pw"},
		"10.0.0.70":                    {"admin", "fleet-pw"},
	}
	for address, want := range cases {
		pc, err := c.WithAddress(address)
		if err != nil {
			t.Fatal(err)
		}
		if got := [2]string{pc.cred.username, pc.cred.password}; got != want {
			t.Errorf("%s: credentials %v, want %v", address, got, want)
		}
	}
	if _, err := New("", "a", "b", WithPanelCredentials(map[string]Credentials{"ftp://x": {}})); err == nil {
		t.Error("a key that is not a panel address was accepted")
	}
}
