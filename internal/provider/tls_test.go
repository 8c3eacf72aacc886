package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/domofon/terraform-provider-intercom/internal/fakepanel"
)

// testCA is a private CA; leaf issues it a certificate for 127.0.0.1.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  string
}

func newTestCA(t *testing.T, name string) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &testCA{cert: cert, key: key, pem: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))}
}

func (ca *testCA) leaf(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "panel"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// An https panel with a certificate from a private CA: ca_cert_pem makes
// it work, another CA gives an error that says which setting to use, and
// insecure = true skips verification.
func TestAccSIPConfigResource_tls(t *testing.T) {
	t.Parallel()
	srv := fakepanel.New()
	srv.SetCredentials(testAdminUser, testAdminPassword)
	ca, wrongCA := newTestCA(t, "building CA"), newTestCA(t, "someone else's CA")
	panel := httptest.NewUnstartedServer(srv)
	panel.TLS = &tls.Config{Certificates: []tls.Certificate{ca.leaf(t)}, MinVersion: tls.VersionTLS12}
	panel.StartTLS()
	t.Cleanup(panel.Close)
	res := sipConfig(`user = "alice"`, `domain = "sip.example"`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      providerConfig(panel.URL, fmt.Sprintf("ca_cert_pem = %q", wrongCA.pem)) + res,
				ExpectError: wrapped(`Error Writing SIP Config.*certificate.*not trusted.*ca_cert_pem.*insecure = true`),
			},
			{Config: providerConfig(panel.URL) + res, ExpectError: wrapped(`certificate.*not trusted`)},
			{Config: providerConfig(panel.URL, fmt.Sprintf("ca_cert_pem = %q", ca.pem)) + res},
			{Config: providerConfig(panel.URL, "insecure = true") + res, PlanOnly: true},
		},
	})
	if got := srv.Panel("").Config().User; got != "alice" {
		t.Errorf("the https panel's user = %q, want alice", got)
	}
}
