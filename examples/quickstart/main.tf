# A complete configuration for one panel: its SIP account, door timeout,
# volume and clock. This is what `make demo` applies against the panel
# emulator. Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD.
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

# The other settings resources manage only what they set: what is left out
# (the call and talk timeouts, the gains, the NTP refresh interval, ...)
# stays as the panel has it.
resource "intercom_timeouts" "lobby" {
  door_open_ms = 7000 # the lock stays open 7 s after entry
}

resource "intercom_volume" "lobby" {
  panel_volume = 60
  line_volume  = 40
}

resource "intercom_ntp" "lobby" {
  servers   = ["0.ru.pool.ntp.org", "1.ru.pool.ntp.org"]
  time_zone = "RussianStandardTime-3" # as the panel lists it in network/ntp/zone
}

output "panel" {
  value = intercom_sip_config.lobby.id
}
