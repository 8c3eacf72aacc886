# A second provider configuration, for panels behind an https gateway whose
# certificate comes from the site's own CA. Resources choose it with
# `provider = intercom.gateway`. INTERCOM_CA_CERT_PEM works too.
provider "intercom" {
  alias       = "gateway"
  address     = "https://gw.example.net:8443/panels/17"
  ca_cert_pem = file("${path.module}/panels-ca.pem")
}
