# Read how a panel takes DTMF without managing it.
data "intercom_dtmf" "lobby" {
  address = "10.0.0.5"
}

output "lobby_dtmf_method" {
  value = data.intercom_dtmf.lobby.method
}
