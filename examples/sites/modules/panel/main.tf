# One panel: its SIP account, two settings blocks, and its flats, RFID keys
# and entry codes, all from one object (var.panel) and its secrets
# (var.secrets). A site calls it once per panel with for_each over the
# site's rows of the inventory; the provider configuration, with the
# panel's admin credentials in `panels`, comes from the site.
terraform {
  required_version = ">= 1.5.7"

  required_providers {
    intercom = {
      source  = "domofon/intercom"
      version = "~> 0.1"
    }
  }
}

resource "intercom_sip_config" "this" {
  address  = var.panel.address
  user     = var.panel.sip_user
  password = var.secrets.sip_password
  domain   = var.panel.sip_domain
}

resource "intercom_timeouts" "this" {
  address      = var.panel.address
  door_open_ms = var.panel.door_open_ms
}

resource "intercom_ntp" "this" {
  address   = var.panel.address
  enabled   = true
  servers   = var.panel.ntp_servers
  time_zone = var.panel.time_zone
}

# The collections exist only for a panel that lists items: an empty map
# manages no resource at all rather than an empty one.
resource "intercom_apartments" "this" {
  count = length(var.panel.apartments) > 0 ? 1 : 0

  address    = var.panel.address
  apartments = var.panel.apartments
}

resource "intercom_rfid_keys" "this" {
  count = length(var.panel.rfid_keys) > 0 ? 1 : 0

  address = var.panel.address
  keys    = var.panel.rfid_keys
}

# The labels are not secret and decide whether the resource exists; the
# digits stay sensitive in var.secrets.
resource "intercom_access_codes" "this" {
  count = length(var.panel.access_codes) > 0 ? 1 : 0

  address = var.panel.address
  codes = {
    for label, apartment in var.panel.access_codes :
    label => { code = var.secrets.access_codes[label], apartment = apartment }
  }
}
