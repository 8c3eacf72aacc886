package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"syscall"
)

const timeZonesPath = "network/ntp/zone"

// TimeZones is the list of time-zone names the panel accepts in its NTP
// settings. The names are opaque: the vendor's own note on their format
// is wrong.
func (c *Client) TimeZones(ctx context.Context) ([]string, error) {
	var zones []string
	if err := c.do(ctx, http.MethodGet, timeZonesPath, nil, &zones); err != nil {
		return nil, err
	}
	if len(zones) == 0 {
		return nil, &ResponseError{Panel: c.base, Op: http.MethodGet + " " + timeZonesPath, StatusCode: http.StatusOK,
			Reason: "the panel lists no time zones"}
	}
	return zones, nil
}

const deviceInfoPath = "system/device-info"

// DeviceInfo is the panel's name/value list of facts about itself
// (deviceName, serialNumber, firmwareVersion, manufacturer), by name. The
// answer is read with or without the list's enclosing [ ].
func (c *Client) DeviceInfo(ctx context.Context) (map[string]string, error) {
	var items []json.RawMessage
	if err := c.do(ctx, http.MethodGet, deviceInfoPath, nil, &items); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(items))
	for i, raw := range items {
		var item struct {
			Name  *string `json:"name"`
			Value *string `json:"value"`
		}
		if err := json.Unmarshal(raw, &item); err != nil || item.Name == nil || item.Value == nil {
			return nil, &ResponseError{Panel: c.base, Op: http.MethodGet + " " + deviceInfoPath, StatusCode: http.StatusOK,
				Reason: fmt.Sprintf("item %d of the list is not a name and a string value", i)}
		}
		out[*item.Name] = *item.Value
	}
	return out, nil
}

// FirmwareVersion is the versions of the panel's two processors.
var FirmwareVersion = Endpoint{Path: "firmware/version", Fields: []Field{
	{Name: "sCPUFirmwareVersion", Type: String}, {Name: "sMCUFirmwareVersion", Type: String},
}}

// Network is the panel's IPv4 settings as it uses them now, static or
// from DHCP. The vendor's field table leaves out sV4Method, which its
// example has.
var Network = Endpoint{Path: "network/lan", Fields: []Field{
	{Name: "sV4Method", Type: String, MayBeAbsent: true}, {Name: "sV4Address", Type: String},
	{Name: "sV4Netmask", Type: String}, {Name: "sV4Gateway", Type: String}, {Name: "sDNS1", Type: String},
	{Name: "sDNS2", Type: String, MayBeAbsent: true}, {Name: "sMAC", Type: String},
}}

const (
	rebootPath = "system/reboot"
)

// Reboot asks the panel to restart. It is sent once: a panel that took it
// may drop the connection before it answers, which is then no error.
func (c *Client) Reboot(ctx context.Context) error {
	err := c.Once().do(ctx, http.MethodPost, rebootPath, nil, nil)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) {
		return nil // the request reached the panel, which went down at once
	}
	return err
}

// Ping reads the panel's firmware versions once, with no retries: it
// tells whether the panel answers at all.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.Once().Get(ctx, FirmwareVersion)
	return err
}
