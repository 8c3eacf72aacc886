output "panel" {
  description = "The panel's normalised base URL."
  value       = intercom_sip_config.lobby.id
}

output "sip_account" {
  description = "The SIP account the panel registers."
  value       = "${intercom_sip_config.lobby.user}@${intercom_sip_config.lobby.domain}:${intercom_sip_config.lobby.port}/${intercom_sip_config.lobby.protocol}"
}

# Attributes this configuration leaves unmanaged still read from the panel.
output "return_to_idle_ms" {
  description = "How long the panel waits before going back to idle: not managed here, read from the panel."
  value       = intercom_timeouts.lobby.return_to_idle_ms
}
