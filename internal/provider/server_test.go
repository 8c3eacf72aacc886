package provider

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type bulkyKey struct{}

// retainedPerCall measures the heap a server keeps per ValidateResourceConfig
// call whose context carries a 16 KB value, as the SDK's loggers do.
func retainedPerCall(t *testing.T, server tfprotov6.ProviderServer) float64 {
	t.Helper()
	const calls = 500
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range calls {
		ctx := context.WithValue(context.Background(), bulkyKey{}, make([]byte, 16<<10))
		_, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "intercom_sip_config"})
		if err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(server)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / calls
}

// The framework keeps each call's context until the provider stops; the
// detached server keeps only a small context of its own per call.
func TestDetachedServerKeepsNoCallerContext(t *testing.T) {
	plain := retainedPerCall(t, NewProtocol6Server("test", false)())
	detached := retainedPerCall(t, NewProtocol6Server("test", true)())
	t.Logf("heap kept per call: framework alone %.0f B, detached %.0f B", plain, detached)
	if plain < 8<<10 {
		t.Fatalf("the framework alone keeps %.0f B per call; the leak this guards against seems gone, so the wrapper may be dropped", plain)
	}
	if detached > 2<<10 {
		t.Errorf("the detached server keeps %.0f B per call, want under 2 KB", detached)
	}
}

// Cancelling the caller's context still cancels the framework's.
func TestDetachFollowsCancellation(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	ctx, done := detach(parent)
	defer done()
	cancel()
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
		t.Fatal("the detached context was not cancelled with its parent")
	}
	if ctx.Value(bulkyKey{}) != nil {
		t.Error("the detached context carries the parent's values")
	}
}

// The quiet server (no TF_LOG) still serves terraform query and actions:
// Terraform asks for them by interface, and a wrapper must have them.
func TestDetachedServerServesListsAndActions(t *testing.T) {
	server := NewProtocol6Server("test", true)()
	lists, ok := server.(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatal("the detached server does not serve list resources")
	}
	actions, ok := server.(tfprotov6.ActionServer)
	if !ok {
		t.Fatal("the detached server does not serve actions")
	}
	ctx := context.Background()
	resp, err := lists.ValidateListResourceConfig(ctx, &tfprotov6.ValidateListResourceConfigRequest{TypeName: "intercom_nothing"})
	if err != nil || len(resp.Diagnostics) == 0 || strings.Contains(resp.Diagnostics[0].Summary, "Not Implemented") {
		t.Errorf("ValidateListResourceConfig: %v %+v", err, resp)
	}
	aresp, err := actions.ValidateActionConfig(ctx, &tfprotov6.ValidateActionConfigRequest{ActionType: "intercom_nothing"})
	if err != nil || len(aresp.Diagnostics) == 0 || strings.Contains(aresp.Diagnostics[0].Summary, "Not Implemented") {
		t.Errorf("ValidateActionConfig: %v %+v", err, aresp)
	}
}
