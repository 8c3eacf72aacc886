# A fleet built from one inventory: the provider's `panels` (admin
# credentials per panel) and the resources' for_each come from the same
# map, so every `panels` key is written exactly as the address the
# resources use, port included.
terraform {
  required_version = ">= 1.5.7"

  required_providers {
    intercom = {
      source  = "domofon/intercom"
      version = "~> 0.1"
    }
  }
}

variable "inventory" {
  description = "Every panel, by name: its address (with the port when it is not 80), admin password and SIP account."
  type = map(object({
    address        = string # e.g. "10.0.7.12:8080"
    admin_password = string
    sip_user       = string
    sip_password   = string
  }))
  sensitive = true
}

locals {
  # for_each cannot take a sensitive value: only the addresses, which are
  # not secret, leave the sensitive map.
  addresses = nonsensitive({ for name, p in var.inventory : name => p.address })
}

provider "intercom" {
  username = "admin"
  panels = {
    for name, p in var.inventory : p.address => { password = p.admin_password }
  }
  unreachable_panels = "warn"
}

resource "intercom_sip_config" "panel" {
  for_each = local.addresses

  address  = each.value
  user     = nonsensitive(var.inventory[each.key].sip_user)
  password = var.inventory[each.key].sip_password
  domain   = "pbx.example.net"
}
