# One site, one state: the panels of inventory.csv whose site column is
# this directory's name. Every site's main.tf is the same file; what makes
# a site is its directory name and its backend.tf. Adding a panel is one
# line in inventory.csv (and its secrets in TF_VAR_panel_secrets).
terraform {
  required_version = ">= 1.5.7"

  required_providers {
    intercom = {
      source  = "domofon/intercom"
      version = "~> 0.1"
    }
  }
}

variable "panel_secrets" {
  description = "By panel address: the admin password (the provider's `panels`), the SIP password and the entry codes. From the CI's secret store, as TF_VAR_panel_secrets; a panel left out uses INTERCOM_PASSWORD, and without sip_password its SIP password is set empty (intercom_sip_config sends \"\" for an unset password)."
  type = map(object({
    admin_password = optional(string)
    sip_password   = optional(string)
    access_codes   = optional(map(object({ code = string, apartment = number })), {})
  }))
  default   = {}
  sensitive = true
}

module "inventory" {
  source = "../../modules/inventory"

  inventory = {
    site   = basename(abspath(path.module))
    sites  = [for f in fileset("${path.module}/..", "*/main.tf") : dirname(f)]
    panels = csvdecode(file("${path.module}/../../inventory.csv"))
    keys   = csvdecode(file("${path.module}/../../keys.csv"))
  }
}

provider "intercom" {
  username = "admin"
  panels = {
    for address, s in var.panel_secrets : address => { password = s.admin_password }
    if s.admin_password != null
  }
  unreachable_panels = "warn"
}

module "panel" {
  source   = "../../modules/panel"
  for_each = module.inventory.panels

  panel = merge(each.value, {
    # The labels decide which resources exist, so they leave the
    # sensitive map; the digits stay in it. (sensitive({}): Terraform
    # before 1.8 refuses nonsensitive on a value that is not sensitive.)
    access_codes = nonsensitive({
      for label, c in try(var.panel_secrets[each.key].access_codes, sensitive({})) : label => c.apartment
    })
  })
  secrets = {
    sip_password = try(var.panel_secrets[each.key].sip_password, null)
    access_codes = { for label, c in try(var.panel_secrets[each.key].access_codes, {}) : label => c.code }
  }
}

output "panels" {
  description = "The panels this state manages, by address."
  value       = { for address, p in module.panel : address => p.id }
}
