package client

// The provider reads and writes SIP settings through the settings engine
// (Get and Set with an Endpoint); these typed calls remain only as the
// tests' request: one GET and one POST that carries a password, to test
// do, retries, TLS and secret handling against the emulator.

import (
	"context"
	"net/http"
)

const sipConfigPath = "/intercom/sip/config"

// SIPConfig is the panel's SIP account, in the panel's field names.
type SIPConfig struct {
	User     string `json:"sUser"`
	Password string `json:"sPassword"`
	Domain   string `json:"sDomain"`
	Proxy    string `json:"sProxy"`
	Realm    string `json:"sRealm"`
	Protocol string `json:"sProtocol"`
	Port     int64  `json:"iPort"`
}

// EmptySIPConfig is what a panel holds with no SIP account set up.
func EmptySIPConfig() SIPConfig {
	return SIPConfig{Realm: "*", Protocol: "udp", Port: 5060}
}

// GetSIPConfig reads the panel's SIP settings.
func (c *Client) GetSIPConfig(ctx context.Context) (SIPConfig, error) {
	var cfg SIPConfig
	if err := c.do(ctx, http.MethodGet, sipConfigPath, nil, &cfg); err != nil {
		return SIPConfig{}, err
	}
	// Every firmware reports a transport; an answer without one is some
	// other JSON (a gateway's status page, say), not the SIP settings.
	if cfg.Protocol == "" {
		return SIPConfig{}, &ResponseError{
			Panel: c.base, Op: http.MethodGet + " " + sipConfigPath, StatusCode: http.StatusOK,
			Reason: "the answer has no sProtocol field, so it is not the panel's SIP settings",
		}
	}
	return cfg, nil
}

// SetSIPConfig writes all seven fields. The panel's answer carries nothing
// we need, so callers read the settings back with GetSIPConfig.
func (c *Client) SetSIPConfig(ctx context.Context, cfg SIPConfig) error {
	return c.do(ctx, http.MethodPost, sipConfigPath, struct {
		SIP SIPConfig `json:"oSip"`
	}{cfg}, nil, cfg.Password)
}
