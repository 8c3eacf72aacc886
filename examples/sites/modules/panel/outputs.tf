output "id" {
  description = "The panel's normalised base URL."
  value       = intercom_sip_config.this.id
}
