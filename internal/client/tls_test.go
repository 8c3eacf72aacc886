package client_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// startTLSFleet serves the emulator over https; the handshake errors the
// failing cases cause are not printed.
func startTLSFleet(t *testing.T) (*fakepanel.Server, *httptest.Server) {
	t.Helper()
	fleet := fakepanel.New()
	fleet.SetCredentials(adminUser, adminPassword)
	srv := httptest.NewUnstartedServer(fleet)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return fleet, srv
}

// otherCAPEM is a freshly made self-signed certificate. Every httptest TLS
// server presents the same built-in certificate, so another httptest
// server's would not be a wrong CA at all.
func otherCAPEM(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "not the panel's CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestTLS(t *testing.T) {
	fleet, srv := startTLSFleet(t)
	fleet.Panel("").SetConfig(toFake(sampleConfig()))
	panelCA := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}))
	tests := []struct {
		name     string
		caPEM    string
		insecure bool
		wantErr  bool
	}{
		{"panel's CA", panelCA, false, false},
		{"no CA", "", false, true},
		{"wrong CA", otherCAPEM(t), false, true},
		{"insecure", "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fleet.ResetCounters()
			logs := &logRecorder{}
			c := newClient(t, srv.URL, client.WithTLS(tt.caPEM, tt.insecure), client.WithMaxRetries(3), client.WithLogger(logs.log))
			got, err := c.GetSIPConfig(t.Context())
			if !tt.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				if got != sampleConfig() {
					t.Fatalf("GetSIPConfig = %+v, want %+v", got, sampleConfig())
				}
				return
			}
			var connErr *client.ConnectionError
			if !errors.As(err, &connErr) || !connErr.IsCertificateError() {
				t.Fatalf("error = %v (%T), want a *ConnectionError with IsCertificateError", err, err)
			}
			// A handshake failure never reaches the handler, so retries
			// are counted from the log.
			if n := logs.count(retrying); n != 0 {
				t.Fatalf("the client retried %d times; an untrusted certificate is final", n)
			}
			if n := fleet.Requests(http.MethodGet); n != 0 {
				t.Fatalf("the panel saw %d GETs over an untrusted connection", n)
			}
		})
	}
}

func TestWithTLSRejectsABadCA(t *testing.T) {
	for _, ca := range []string{"not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"} {
		if _, err := client.New("https://10.0.0.5", "admin", "pw", client.WithTLS(ca, false)); err == nil {
			t.Errorf("New with CA %q: want an error", ca)
		}
	}
}
