# Read a panel's SIP account without managing it.
data "intercom_sip_config" "lobby" {
  address = "10.0.0.5"
}

output "lobby_sip_account" {
  value = "${data.intercom_sip_config.lobby.user}@${data.intercom_sip_config.lobby.domain}:${data.intercom_sip_config.lobby.port}"
}
