# A fleet of panels from one provider configuration: each panel is an entry
# of var.panels, and for_each gives each its own intercom_sip_config.
# Adding a panel to the map sets its SIP account at the next apply;
# removing one forgets it (or clears it, with reset_on_destroy = true).
terraform {
  required_version = ">= 1.5.7"

  required_providers {
    intercom = {
      source  = "domofon/intercom"
      version = "~> 0.1"
    }
  }
}

# Every panel shares the admin account from INTERCOM_USERNAME and
# INTERCOM_PASSWORD (`panels` gives panels accounts of their own: see
# examples/provider/provider-fleet.tf). No default address: each resource
# names its panel.
provider "intercom" {}

resource "intercom_sip_config" "panel" {
  for_each = var.panels

  address = each.value.address
  user    = each.value.user
  # A sensitive map cannot drive for_each, so the passwords live in a map
  # of their own, keyed like var.panels.
  password         = var.sip_passwords[each.key]
  domain           = each.value.domain
  proxy            = each.value.proxy
  protocol         = each.value.protocol
  port             = each.value.port
  reset_on_destroy = each.value.reset_on_destroy
}
