# One panel with every settings block the provider manages. Each resource
# sets only what this site decides. In every settings resource but
# intercom_sip_config an attribute left out is not managed: Terraform leaves
# it as the panel has it and never shows a diff for it. intercom_sip_config
# is the exception: it writes the whole SIP account, and an attribute left
# out is written with its default (proxy "", realm "*", protocol "udp",
# port 5060; an empty password), so a panel on tls/5061 would be set back
# to udp/5060. Set every SIP attribute the panel needs.
#
# There is no provider block: the admin credentials come from
# INTERCOM_USERNAME and INTERCOM_PASSWORD, and each resource names its panel.
# That also lets a fleet call this directory as a module, once per panel:
#
#   module "panel" {
#     source        = "./whole-panel"
#     for_each      = var.panels
#     panel_address = each.value.address
#     ...
#   }
terraform {
  required_version = ">= 1.5.7"

  required_providers {
    intercom = {
      source  = "domofon/intercom"
      version = "~> 0.1"
    }
  }
}

# Calls and SIP

# On Terraform or OpenTofu 1.11+, password_wo with password_wo_version keeps
# the password out of state (see the intercom_sip_config docs).
resource "intercom_sip_config" "lobby" {
  address  = var.panel_address
  user     = var.sip_user
  password = var.sip_password
  domain   = "pbx.example.net"
}

resource "intercom_dtmf" "lobby" {
  address        = var.panel_address
  open_door_code = var.dtmf_open_door_code
  method         = "rfc2833"
}

# Door and access

resource "intercom_timeouts" "lobby" {
  address      = var.panel_address
  door_open_ms = 7000
  call_ms      = 30000
  talk_ms      = 120000
}

resource "intercom_special_modes" "lobby" {
  address             = var.panel_address
  permanent_lock_open = 0
  all_keys_open       = 0
}

resource "intercom_service_codes" "lobby" {
  address          = var.panel_address
  open_door_code   = var.service_codes.open_door
  auto_enroll_code = var.service_codes.auto_enroll
  test_menu_code   = var.service_codes.test_menu
}

# Sound

resource "intercom_volume" "lobby" {
  address         = var.panel_address
  panel_volume    = 60
  line_volume     = 40
  microphone_gain = 3
  speaker_gain    = 2
}

resource "intercom_alert_volume" "lobby" {
  address          = var.panel_address
  volume           = 80
  night_volume     = 30
  schedule_enabled = true
  schedule         = "22:00 - 07:00"
}

# Display

resource "intercom_display_texts" "lobby" {
  address = var.panel_address
  idle    = "ДОБРО ПОЖАЛОВАТЬ"
  call    = "ВЫЗОВ"
  talk    = "ГОВОРИТЕ"
  open    = "ОТКРЫТО"
  error   = "ОШИБКА"
}

# Hardware

# Only the level this site had to tune; the other eight stay as the panel
# has them.
resource "intercom_line_levels" "lobby" {
  address     = var.panel_address
  break_level = 3500
}

resource "intercom_heating" "lobby" {
  address              = var.panel_address
  heat_on_temperature  = -20
  heat_off_temperature = -10
}

# Time and logging

resource "intercom_ntp" "lobby" {
  address         = var.panel_address
  enabled         = true
  servers         = ["0.ru.pool.ntp.org", "1.ru.pool.ntp.org"]
  time_zone       = var.time_zone
  daylight_saving = false
}

resource "intercom_syslog" "lobby" {
  address  = var.panel_address
  enabled  = true
  server   = var.syslog_server
  protocol = "udp"
}
