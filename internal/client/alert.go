package client

import (
	"context"
	"io"
	"net/http"
)

// Alert is the emergency alert as the panel takes and reports it.
type Alert struct {
	Type    string `json:"alert_type"`   // speaker or flat
	Flat    int    `json:"flat"`         // the flat whose handset plays it
	Playing bool   `json:"alert_status"` // true starts it, false stops it
	Sound   string `json:"alarm_alert"`  // "" built in, AlertSoundName the upload
	Timeout int    `json:"timeout"`      // seconds; 0 plays until stopped
}

// AlertSoundName is what the panel calls the uploaded recording.
const AlertSoundName = "alert_1.wav"

// MaxAlertSound is the largest recording the panel takes: "max 1 MB".
const MaxAlertSound = 1 << 20

const (
	alertPath      = "emergency_alert"
	alertSoundPath = "emergency_alert/upload/1"
)

// Alert reads the alert's status.
func (c *Client) Alert(ctx context.Context) (Alert, error) {
	var a Alert
	err := c.do(ctx, http.MethodGet, alertPath, nil, &a)
	return a, err
}

// StartAlert starts an alert, once: the request is not retried, so that a
// panel that took it does not start it again.
func (c *Client) StartAlert(ctx context.Context, a Alert) error {
	a.Playing = true
	return c.Once().do(ctx, http.MethodPost, alertPath, a, nil)
}

// StopAlert stops the alert; stopping twice does no harm, so it is
// retried like any write.
func (c *Client) StopAlert(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, alertPath, map[string]bool{"alert_status": false}, nil)
}

// UploadAlertSound fills the panel's one upload slot with a WAV file
// (multipart field "sound", the vendor's own name), once; see
// UploadFirmware for sent.
func (c *Client) UploadAlertSound(ctx context.Context, name string, file io.Reader, size int64) (sent bool, err error) {
	return c.upload(ctx, alertSoundPath, "sound", name, file, size)
}

// DeleteAlertSound empties the upload slot. A 404 (the slot was empty
// already) is an *APIError for the caller to judge.
func (c *Client) DeleteAlertSound(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, alertSoundPath, nil, nil)
}
