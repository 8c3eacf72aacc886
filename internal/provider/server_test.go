package provider

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"
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
	p := &intercomProvider{version: "test"}
	plain := retainedPerCall(t, withCollections(providerserver.NewProtocol6(p)(), p))
	detached := retainedPerCall(t, NewProtocol6Server("test")())
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
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), bulkyKey{}, 1))
	ctx, done := detach(parent)
	defer done()
	cancel()
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
		t.Fatal("the detached context was not cancelled with its parent")
	}
	if ctx.Value(bulkyKey{}) == nil {
		t.Error("during the call the detached context hides the caller's values")
	}
	done()
	if ctx.Value(bulkyKey{}) != nil {
		t.Error("after the call the detached context still holds the caller's values")
	}
}

// The framework derives a cancellable context from each call's; the
// detached context links it directly, with no goroutine per call left
// waiting until the provider stops.
func TestDetachStartsNoGoroutinePerChild(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), bulkyKey{}, 1))
	defer cancel()
	before := runtime.NumGoroutine()
	var cancels []context.CancelFunc
	for range 100 {
		ctx, done := detach(parent)
		defer done()
		_, c := context.WithCancel(ctx)
		cancels = append(cancels, c)
	}
	if after := runtime.NumGoroutine(); after > before+10 {
		t.Errorf("100 children of detached contexts started %d goroutines", after-before)
	}
	for _, c := range cancels {
		c()
	}
}

// One code path whatever the environment: with TF_LOG set or not, the
// provider is the detached server, and the provider's log lines reach the
// logger the SDK put in the caller's context.
func TestServerIsTheSameWithOrWithoutLogging(t *testing.T) {
	var types []string
	for _, level := range []string{"", "trace"} {
		t.Setenv("TF_LOG", level)
		server := NewProtocol6Server("test")()
		types = append(types, fmt.Sprintf("%T", server))
		var out bytes.Buffer
		ctx := tfsdklogtest.RootLogger(context.Background(), &out)
		_, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "intercom_sip_config"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), `"@module":"sdk.framework"`) {
			t.Errorf("TF_LOG=%q: no log line reached the caller's logger: %q", level, out.String())
		}
	}
	if types[0] != types[1] || types[0] != fmt.Sprintf("%T", detachedServer{}) {
		t.Errorf("the server is %s without TF_LOG and %s with it, want %T both times", types[0], types[1], detachedServer{})
	}
}

// The quiet server (no TF_LOG) still serves terraform query and actions:
// Terraform asks for them by interface, and a wrapper must have them.
func TestDetachedServerServesListsAndActions(t *testing.T) {
	server := NewProtocol6Server("test")()
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
