package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
)

// The panel's two processors, as the firmware paths name them.
const (
	ChipMCU = "mcu" // the Artery microcontroller: doors, lines, keypad
	ChipCPU = "cpu" // the Rockchip processor: the API, SIP, video
)

// MaxCPUFirmware is the largest CPU update the panel takes: "up to 110
// MB", read as binary megabytes.
const MaxCPUFirmware = 110 << 20

// UploadFirmware sends an update file to chip (POST
// firmware/<chip>/update, multipart field "firmware", the vendor's own
// name). It is sent once and never retried; sent tells whether any of it
// went out, after which the panel may be updating even when err is a
// lost connection. A 400 "Unsupported file" is an *APIError.
func (c *Client) UploadFirmware(ctx context.Context, chip, name string, file io.Reader, size int64) (sent bool, err error) {
	return c.upload(ctx, "firmware/"+chip+"/update", "firmware", name, file, size)
}

// MCUUpdate is the MCU update's state: idle, preparation, loading or
// updating, and its progress, on a scale the vendor does not document
// (0 to 1, or 0 to 100).
type MCUUpdate struct {
	State    string
	Progress float64
}

const mcuStatePath = "firmware/mcu/update/state"

// MCUUpdateState reads the MCU update's state once, without retries: the
// caller polls it.
func (c *Client) MCUUpdateState(ctx context.Context) (MCUUpdate, error) {
	var raw struct {
		Progress *float64 `json:"fMCUFirmwareUpdateProgress"`
		State    *string  `json:"sMCUFirmwareUpdateState"`
	}
	if err := c.Once().do(ctx, http.MethodGet, mcuStatePath, nil, &raw); err != nil {
		return MCUUpdate{}, err
	}
	if raw.State == nil || raw.Progress == nil {
		return MCUUpdate{}, &ResponseError{Panel: c.base, Op: http.MethodGet + " " + mcuStatePath,
			StatusCode: http.StatusOK, Reason: "the answer lacks sMCUFirmwareUpdateState or fMCUFirmwareUpdateProgress"}
	}
	return MCUUpdate{State: *raw.State, Progress: *raw.Progress}, nil
}

// FirmwareVersions reads the versions the panel reports now, by chip.
func (c *Client) FirmwareVersions(ctx context.Context) (map[string]string, error) {
	v, err := c.Get(ctx, FirmwareVersion)
	if err != nil {
		return nil, err
	}
	cpu, _ := v["sCPUFirmwareVersion"].(string)
	mcu, _ := v["sMCUFirmwareVersion"].(string)
	return map[string]string{ChipCPU: cpu, ChipMCU: mcu}, nil
}

// Door is one door and whether it is open.
type Door struct {
	ID   int  `json:"id"`
	Open bool `json:"open"`
}

const doorsPath = "intercom/doors"

// Doors lists the panel's doors, with or without the list's [ ], which
// the vendor's example lacks.
func (c *Client) Doors(ctx context.Context) ([]Door, error) {
	var items []json.RawMessage
	if err := c.do(ctx, http.MethodGet, doorsPath, nil, &items); err != nil {
		return nil, err
	}
	doors := make([]Door, 0, len(items))
	for _, raw := range items {
		var d struct {
			ID   *int  `json:"id"`
			Open *bool `json:"open"`
		}
		if json.Unmarshal(raw, &d) != nil || d.ID == nil || d.Open == nil {
			return nil, &ResponseError{Panel: c.base, Op: http.MethodGet + " " + doorsPath, StatusCode: http.StatusOK,
				Reason: "an item of the list is not an id and an open flag"}
		}
		doors = append(doors, Door{ID: *d.ID, Open: *d.Open})
	}
	return doors, nil
}

// OpenDoor asks the panel to open a door (POST intercom/doors), once: a
// retry would open it a second time.
func (c *Client) OpenDoor(ctx context.Context, id int) error {
	return c.Once().do(ctx, http.MethodPost, doorsPath, Door{ID: id, Open: true}, nil)
}
