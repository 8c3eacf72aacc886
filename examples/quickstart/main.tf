# A complete configuration for one panel: what `make demo` applies against
# the panel emulator. Credentials come from INTERCOM_USERNAME and
# INTERCOM_PASSWORD.
terraform {
  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

variable "panel_address" {
  type        = string
  description = "The panel, such as 10.0.0.5 or https://gw.example.net/panels/17."
}

# Not marked sensitive: the provider already marks password sensitive, and
# Terraform 1.5 would otherwise plan an update after an import only to record
# the variable's sensitivity in state.
variable "sip_password" {
  type = string
}

provider "intercom" {
  address = var.panel_address
}

resource "intercom_sip_config" "lobby" {
  user     = "lobby-7049a52d"
  password = var.sip_password
  domain   = "pbx.example.net"
}

output "panel" {
  value = intercom_sip_config.lobby.id
}
