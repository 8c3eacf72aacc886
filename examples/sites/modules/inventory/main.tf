# The fleet's one inventory, read by every site: it returns the rows of
# var.inventory.site, keyed by panel address, and fails validation (and so
# `terraform validate`, plan and apply of every site) when the inventory
# could put one panel in two states:
#
# - an address written in a form other than the canonical one (a second
#   spelling of the same panel would be a second row that no check sees);
# - an address on two rows, in one site or in two;
# - a row whose site has no directory under sites/ (no state manages it),
#   or a key for a panel the inventory does not list.
terraform {
  required_version = ">= 1.5.7"
}

variable "inventory" {
  description = "The site asking (its directory's name), every site directory, and the rows of inventory.csv and keys.csv as csvdecode reads them."
  type = object({
    site  = string
    sites = set(string)
    panels = list(object({
      address  = string
      site     = string
      name     = string
      sip_user = string
      flats    = string
    }))
    keys = list(object({
      address   = string
      uid       = string
      apartment = string
    }))
  })

  # Canonical: lower case, no http:// (https:// is kept), no trailing
  # slash, no default port (:80 for http, :443 for https).
  validation {
    condition = alltrue([for p in var.inventory.panels :
      can(regex("^(https://)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(/[A-Za-z0-9._~-]+)*$", p.address)) &&
      !can(regex("^[^/]*:80(/|$)", p.address)) && !can(regex("^https://[^/]*:443(/|$)", p.address))
    ])
    error_message = "Every inventory.csv address must be canonical: lower case, host[:port] or https://host[:port][/path], without http://, a trailing slash or the default port. Not canonical: ${join(", ", [for p in var.inventory.panels : p.address if !(can(regex("^(https://)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(/[A-Za-z0-9._~-]+)*$", p.address)) && !can(regex("^[^/]*:80(/|$)", p.address)) && !can(regex("^https://[^/]*:443(/|$)", p.address)))])}."
  }

  validation {
    condition     = length(distinct(var.inventory.panels[*].address)) == length(var.inventory.panels)
    error_message = "One panel, one state: every address must be on one inventory.csv row only. On more than one: ${join("; ", [for a, sites in { for p in var.inventory.panels : p.address => p.site... } : "${a} (sites ${join(", ", sites)})" if length(sites) > 1])}. Keep one row per panel."
  }

  validation {
    condition     = alltrue([for p in var.inventory.panels : contains(var.inventory.sites, p.site)])
    error_message = "Every inventory.csv row must name a site that has a directory under sites/ (${join(", ", sort(var.inventory.sites))}). No site manages: ${join(", ", [for p in var.inventory.panels : "${p.address} (site ${p.site})" if !contains(var.inventory.sites, p.site)])}."
  }

  validation {
    condition     = alltrue([for k in var.inventory.keys : contains(var.inventory.panels[*].address, k.address)])
    error_message = "Every keys.csv row must name a panel of inventory.csv. Not in inventory.csv: ${join(", ", distinct([for k in var.inventory.keys : k.address if !contains(var.inventory.panels[*].address, k.address)]))}."
  }

  validation {
    condition     = contains(var.inventory.sites, var.inventory.site)
    error_message = "The site ${var.inventory.site} has no directory under sites/."
  }
}

locals {
  mine = [for p in var.inventory.panels : p if p.site == var.inventory.site]
  keys = { for k in var.inventory.keys : k.address => k... }
}

output "panels" {
  description = "This site's panels by address: the object modules/panel takes, without secrets."
  value = {
    for p in local.mine : p.address => {
      address  = p.address
      name     = p.name
      sip_user = p.sip_user
      # "1-40 101-104": flats 1 to 40 and 101 to 104, each with the defaults.
      apartments = merge({}, [
        for r in split(" ", trimspace(p.flats)) : {
          for n in range(tonumber(split("-", r)[0]), tonumber(element(split("-", r), 1)) + 1) : tostring(n) => {}
        } if r != ""
      ]...)
      rfid_keys = {
        for k in lookup(local.keys, p.address, []) : upper(k.uid) => { apartment = tonumber(k.apartment) }
      }
    }
  }
}
