output "panel_urls" {
  description = "Each panel's normalised base URL, by name."
  value       = { for name, sip in intercom_sip_config.panel : name => sip.id }
}

output "sip_accounts" {
  description = "The SIP account each panel registers, by name."
  value       = { for name, sip in intercom_sip_config.panel : name => "${sip.user}@${sip.domain}:${sip.port}/${sip.protocol}" }
}

# Anything built from a password must be marked sensitive: the password is
# in state, and Terraform would otherwise refuse to show the output.
output "sip_credentials" {
  description = "User and password of each panel, for provisioning the PBX side."
  sensitive   = true
  value       = { for name, sip in intercom_sip_config.panel : name => { user = sip.user, password = sip.password } }
}
