package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// restartPace is how often a restart is probed. A panel may go on
// answering for a while after it took a restart, and may be down only
// briefly, so the drop is watched for closely; once it is down, a slower
// poll is enough.
type restartPace struct {
	probe time.Duration // while the panel still answers
	poll  time.Duration // while it is down; also how often progress is told
}

var defaultRestartPace = restartPace{probe: 250 * time.Millisecond, poll: 2 * time.Second}

// restart is one restart a panel accepted, to be followed to its end:
// the reboot action and the CPU firmware update use it.
type restart struct {
	c        *client.Client
	what     string // in sentences: "the reboot"
	timeout  time.Duration
	pace     restartPace
	progress func(string)
}

// restartFailure is why a restart could not be followed to its end.
type restartFailure struct{ summary, detail string }

func (f *restartFailure) Error() string { return f.summary + ": " + f.detail }

// addRestartFailure reports a failure of wait as an error diagnostic.
func addRestartFailure(diags *diag.Diagnostics, err error) {
	var f *restartFailure
	if errors.As(err, &f) {
		diags.AddError(f.summary, f.detail)
		return
	}
	diags.AddError("Restart Not Followed", err.Error())
}

// restartingAnswer tells whether a probe's result means the panel is down:
// no answer at all, or a 5xx from a web server that is up before the API.
func restartingAnswer(err error) bool {
	code := client.StatusCode(err)
	return client.IsUnreachable(err) || code >= http.StatusInternalServerError
}

// wait probes the panel from start until it has been seen down and then
// answers again, within timeout. An answer before the drop proves
// nothing: the panel may not have begun its restart yet. A 401 is the one
// answer that proves a restart on its own, since the same credentials
// were just accepted; it comes back as credsChanged, for a warning.
func (r restart) wait(ctx context.Context, start time.Time) (credsChanged bool, err error) {
	deadline := start.Add(r.timeout)
	wctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	panel := r.c.BaseURL()
	seenDown := false
	told := time.Now()
	var last error
	for {
		pause := r.pace.probe
		if seenDown {
			pause = r.pace.poll
		}
		select {
		case <-wctx.Done():
			if ctx.Err() != nil {
				return false, &restartFailure{"Wait Interrupted", fmt.Sprintf("Stopped waiting for panel %s, "+
					"which took %s: %s. Check that it answers again before going on.", panel, r.what, ctx.Err())}
			}
			return false, r.timedOut(seenDown, last)
		case <-time.After(pause):
		}
		last = r.c.Ping(wctx)
		waited := time.Since(start).Round(time.Second)
		switch {
		case client.IsUnauthorized(last):
			r.progress(fmt.Sprintf("Panel %s answers again after %s, but refuses the credentials", panel, waited))
			return true, nil
		case restartingAnswer(last) && wctx.Err() == nil:
			if !seenDown {
				seenDown = true
				told = time.Now()
				r.progress(fmt.Sprintf("Panel %s went down after %s", panel, waited))
			}
		case seenDown && wctx.Err() == nil:
			r.progress(fmt.Sprintf("Panel %s answers again after %s", panel, waited))
			return false, nil
		}
		if time.Since(told) >= r.pace.poll {
			told = time.Now()
			state := "still answers; waiting for it to go down"
			if seenDown {
				state = "is down; waiting for it to answer"
			}
			r.progress(fmt.Sprintf("Panel %s %s (%s so far)", panel, state, waited))
		}
	}
}

func (r restart) timedOut(seenDown bool, last error) error {
	panel := r.c.BaseURL()
	if !seenDown {
		return &restartFailure{"Panel Did Not Restart", fmt.Sprintf("Panel %s took %s but kept answering for %s "+
			"(timeout) and was never seen down, so it may not have restarted. Check the panel; if it restarts later "+
			"than that, raise the action's timeout.", panel, r.what, r.timeout)}
	}
	lastText := "no answer"
	if last != nil {
		lastText = last.Error()
	}
	return &restartFailure{"Panel Did Not Come Back", fmt.Sprintf("Panel %s went down after %s but did not answer "+
		"again within %s (timeout); last probe: %s. Check the panel's power and network; if it needs longer to "+
		"start, raise the action's timeout.", panel, r.what, r.timeout, lastText)}
}

// addCredentialsChanged warns that a panel came back from a restart
// refusing the credentials it accepted before.
func addCredentialsChanged(diags *diag.Diagnostics, panel, what string) {
	diags.AddWarning("Panel Credentials Changed", fmt.Sprintf("Panel %s answers again after %s, but now refuses "+
		"the credentials it accepted before: its password was changed or reset. Check the password for this "+
		"panel in the provider's settings (its panels entry, or username and password) before the next run.", panel, what))
}
