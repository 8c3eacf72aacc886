package client

import (
	"context"
	"net/http"
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
