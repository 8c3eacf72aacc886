# Send the event log of the provider's default panel to the site's syslog
# server. Left out, level and retention are not managed: Terraform leaves
# them as the panel has them.
resource "intercom_syslog" "lobby" {
  enabled  = true
  server   = "192.168.100.10:514" # IPv4:port; the firmware takes no host names
  protocol = "udp"
}
