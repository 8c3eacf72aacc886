package main

import (
	"os"
	"testing"
)

func TestQuietUnlessLogging(t *testing.T) {
	for _, name := range append(logEnv, "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK") {
		t.Setenv(name, "")
	}
	if !quietUnlessLogging() {
		t.Error("with no logging asked for, quietUnlessLogging reports logging on")
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		if got := os.Getenv(name); got != "off" {
			t.Errorf("with no logging asked for, %s = %q, want off", name, got)
		}
	}

	for _, name := range logEnv {
		t.Setenv(name, "")
	}
	t.Setenv("TF_LOG", "debug")
	if quietUnlessLogging() {
		t.Error("with TF_LOG=debug, quietUnlessLogging reports logging off")
	}
	if got := os.Getenv("TF_LOG_SDK"); got != "" {
		t.Errorf("with TF_LOG=debug, TF_LOG_SDK = %q, want it left alone", got)
	}
}
