data "intercom_sip_config" "lobby" {
  address = "10.0.0.5"
}

output "lobby_sip_domain" {
  value = data.intercom_sip_config.lobby.domain
}
