// Command fakepanel runs the panel emulator on its own, for demos and for
// trying the provider by hand. Every path prefix is a panel of its own:
// http://127.0.0.1:8080/ is one panel, http://127.0.0.1:8080/panels/2
// another.
package main

import (
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to listen on")
	user := flag.String("username", "admin", "Basic auth user the panels require; empty for none")
	pass := flag.String("password", "", "Basic auth password (default: $FAKEPANEL_PASSWORD)")
	mask := flag.Bool("mask-password", false, "show SIP passwords as asterisks, as some firmware does")
	latency := flag.Duration("latency", 0, "delay every answer by this much")
	flag.Parse()

	srv := fakepanel.New()
	if *pass == "" {
		*pass = os.Getenv("FAKEPANEL_PASSWORD")
	}
	srv.SetCredentials(*user, *pass)
	srv.Logf = log.New(os.Stdout, "fakepanel: ", log.Ltime).Printf
	srv.SetLatency(*latency)
	if *mask {
		srv.Panel("").SetMaskPassword(true)
	}
	log.Printf("fakepanel: serving panels on http://%s (user %q)", *listen, *user)
	hs := &http.Server{Addr: *listen, Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	if err := hs.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
