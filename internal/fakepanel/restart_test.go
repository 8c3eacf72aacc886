package fakepanel_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// A panel with a reboot delay answers normally for the delay, then drops
// connections, then comes back with the credentials set for after the
// restart.
func TestRebootDelayAndCredentialsAfterRestart(t *testing.T) {
	srv := fakepanel.New()
	srv.SetCredentials("admin", "old")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	p := srv.Panel("")
	p.SetRebootDelay(300 * time.Millisecond)
	p.SetRebootTime(300 * time.Millisecond)
	p.SetCredentialsAfterRestart("admin", "new")
	get := func(method, path, pass string) (int, error) {
		req, _ := http.NewRequestWithContext(t.Context(), method, hs.URL+"/api/v1.cgi/"+path, nil)
		req.SetBasicAuth("admin", pass)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	if code, err := get(http.MethodPost, "system/reboot", "old"); code != http.StatusOK {
		t.Fatalf("reboot: %d %v", code, err)
	}
	if code, err := get(http.MethodGet, "firmware/version", "old"); code != http.StatusOK || !p.Restarting() {
		t.Fatalf("during the delay: %d %v, restarting %v", code, err, p.Restarting())
	}
	time.Sleep(400 * time.Millisecond)
	if _, err := get(http.MethodGet, "firmware/version", "old"); err == nil {
		t.Fatal("the panel answered while down")
	}
	time.Sleep(300 * time.Millisecond)
	if code, _ := get(http.MethodGet, "firmware/version", "old"); code != http.StatusUnauthorized || p.Restarting() {
		t.Fatalf("after the restart the old password gave %d, restarting %v", code, p.Restarting())
	}
	if code, _ := get(http.MethodGet, "firmware/version", "new"); code != http.StatusOK {
		t.Fatalf("after the restart the new password gave %d", code)
	}
}
