package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// cliRun drives the Terraform CLI of the acceptance suite directly, for the
// commands terraform-plugin-testing has no step for
// (plan -generate-config-out). The provider is served from this process and
// reached through TF_REATTACH_PROVIDERS, as in the other acceptance tests.
type cliRun struct {
	t   *testing.T
	bin string
	dir string
	env []string
}

func newCLIRun(t *testing.T) *cliRun {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run tests that drive the Terraform CLI")
	}
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			t.Fatal("no Terraform CLI: set TF_ACC_TERRAFORM_PATH")
		}
	}
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	addr := host + "/domofon/intercom"
	go func() {
		err := tf6server.Serve(addr, NewProtocol6Server("test"),
			tf6server.WithDebug(ctx, reattach, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			// The test sink follows TF_LOG like the other acceptance tests.
			tf6server.WithLoggingSink(t))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	cfg := <-reattach
	t.Cleanup(func() { cancel(); <-closed })
	info, _ := json.Marshal(map[string]any{addr: map[string]any{
		"Protocol": cfg.Protocol, "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	return &cliRun{t: t, bin: bin, dir: t.TempDir(), env: append(os.Environ(),
		"TF_REATTACH_PROVIDERS="+string(info), "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1")}
}

func (r *cliRun) write(name, content string) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, name), []byte(content), 0o600); err != nil {
		r.t.Fatal(err)
	}
}

func (r *cliRun) read(name string) string {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(r.dir, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

// run runs the CLI with args and fails the test unless it succeeds.
func (r *cliRun) run(args ...string) string {
	r.t.Helper()
	cmd := exec.CommandContext(r.t.Context(), r.bin, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = r.dir, r.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		r.t.Fatalf("%s %v: %v\n%s", filepath.Base(r.bin), args, err, out.String())
	}
	return out.String()
}

// planActions plans into a file and returns each resource's actions.
func (r *cliRun) planActions() map[string][]string {
	r.t.Helper()
	r.run("plan", "-out=tfplan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(r.run("show", "-json", "tfplan")), &plan); err != nil {
		r.t.Fatalf("reading the plan JSON: %v", err)
	}
	out := map[string][]string{}
	for _, rc := range plan.ResourceChanges {
		out[rc.Address] = rc.Change.Actions
	}
	return out
}

// runFail runs the CLI with args and fails the test if it succeeds.
func (r *cliRun) runFail(args ...string) string {
	r.t.Helper()
	cmd := exec.CommandContext(r.t.Context(), r.bin, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = r.dir, r.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err == nil {
		r.t.Fatalf("%s %v succeeded, but should have failed:\n%s", filepath.Base(r.bin), args, out.String())
	}
	return out.String()
}

// cliAtLeast reports whether the CLI is Terraform 1.minor or later.
// OpenTofu reports its own version, and has neither query nor actions.
func cliAtLeast(t *testing.T, r *cliRun, minor int) bool {
	t.Helper()
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(r.run("version", "-json")), &v); err != nil {
		t.Fatalf("reading the CLI version: %v", err)
	}
	if strings.Contains(r.bin, "tofu") {
		return false
	}
	var got [2]int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &got[0], &got[1]); err != nil {
		t.Fatalf("the CLI version %q is not major.minor: %v", v.Version, err)
	}
	return got[0] > 1 || (got[0] == 1 && got[1] >= minor)
}
