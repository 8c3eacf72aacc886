variable "sip_password" {
  type      = string
  sensitive = true
}

# The SIP account of the provider's default panel.
resource "intercom_sip_config" "lobby" {
  user     = "7049a52d1dea"
  password = var.sip_password
  domain   = "27167.kazoo.example.net"
  # proxy = "", realm = "*", protocol = "udp" and port = 5060 by default.
}

# A panel behind an https gateway, with every setting spelled out. Destroy
# clears this panel's SIP account instead of leaving it in place.
resource "intercom_sip_config" "back_door" {
  address          = "https://gw.example.net:8443/panels/17"
  user             = "back-door"
  password         = var.sip_password
  domain           = "pbx.example.net"
  proxy            = "proxy.example.net"
  realm            = "*"
  protocol         = "tls"
  port             = 5061
  reset_on_destroy = true
}
