package plugin

import (
	"os"
	"testing"
)

func TestQuietUnlessLogging(t *testing.T) {
	const own = "TF_LOG_PROVIDER_INTERCOM"
	for _, name := range append(logEnv, own) {
		t.Setenv(name, "")
	}
	if !QuietUnlessLogging(own) {
		t.Error("with no logging asked for, QuietUnlessLogging reports logging on")
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		if got := os.Getenv(name); got != "off" {
			t.Errorf("with no logging asked for, %s = %q, want off", name, got)
		}
	}
	for _, asked := range []string{"TF_LOG", own} {
		for _, name := range append(logEnv, own) {
			t.Setenv(name, "")
		}
		t.Setenv(asked, "debug")
		if QuietUnlessLogging(own) {
			t.Errorf("with %s=debug, QuietUnlessLogging reports logging off", asked)
		}
		if got := os.Getenv("TF_LOG_SDK"); got != "" {
			t.Errorf("with %s=debug, TF_LOG_SDK = %q, want it left alone", asked, got)
		}
	}
}
