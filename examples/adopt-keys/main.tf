# Adopt a panel whose residents enrolled their own keys
#
# The panel at 10.0.7.12 already holds RFID keys and entry codes: the
# management company's, and keys that residents enrolled at the panel
# themselves (with the auto-enrol service code). This configuration takes
# them over without losing any.
#
# 1. Generate. Start with the terraform and provider blocks and the two
#    import blocks below, and no resource blocks. Run
#
#      terraform plan -generate-config-out=generated.tf
#
#    Terraform reads each collection from the panel (one GET each) and
#    writes a resource block for each into generated.tf, listing every item
#    the panel holds: the keys by UID, the codes labelled
#    flat-<apartment>-<n>, numbered in code order, with `code = null` (the
#    provider never shows a code). Fill in the codes from a sensitive
#    variable, as below, and move the blocks here.
# 2. Plan: `terraform plan` shows both resources as pure imports, no change.
# 3. Apply: `terraform apply` records them in state and sends nothing to the
#    panel. The import blocks can go after that.
#
# What is managed from then on depends on exclusive:
#
# - exclusive = false (the default): each resource manages the items in its
#   map, which after an import is every item the panel held then. A key a
#   resident enrols later is never shown and never deleted. Removing a key
#   from the map deletes it from the panel, so remove only what you mean to
#   delete; the plan shows each deletion first.
# - exclusive = true: the map is the panel's whole list. A key enrolled at
#   the panel later shows in the next plan as a deletion, and apply deletes
#   it. Turning exclusive on deletes nothing in the same apply: the plan
#   after it lists what it would delete. Turning it back off deletes what
#   that plan shows going (a refresh with exclusive still on puts unlisted
#   keys in state); to keep such keys, add them to the map in that apply.
#   The resource page has a table of every transition.
#
# To manage only the company's keys and leave every other key alone, skip
# the import: a new intercom_rfid_keys with exclusive = false writes the keys
# it lists (one POST) and never changes or deletes the rest.
#
# Requests and time: a refresh is one GET of the whole collection per panel.
# An apply is one POST carrying every added or changed item, one DELETE per
# removed item (a code is removed when no label keeps its digits), and one GET to read the
# result back. Panels list slowly (the vendor gives about 8 s per 100
# flats), so one GET of a large list can take minutes: the provider's
# list_timeout (10m by default) bounds it, and a list that runs out of time
# is not retried.

terraform {
  # Terraform before 1.11 (and OpenTofu 1.12) write the map keys of the
  # generated resources unquoted ("99", "2345ACFC") and cannot read their
  # own output: generating configuration for the collections needs 1.11.
  required_version = ">= 1.11"

  required_providers {
    intercom = {
      source = "domofon/intercom"
    }
  }
}

# Credentials from INTERCOM_USERNAME and INTERCOM_PASSWORD.
provider "intercom" {
  address = "10.0.7.12"
}

variable "entry_codes" {
  description = "The panel's entry codes by the labels the import gave them, as quoted strings of digits."
  type        = map(string)
  sensitive   = true
  # e.g. TF_VAR_entry_codes='{"flat-12-1" = "04921", "flat-12-2" = "551234", "flat-31-1" = "7310"}'
}

import {
  to = intercom_rfid_keys.block7_12
  id = "10.0.7.12"
}

import {
  to = intercom_access_codes.block7_12
  id = "10.0.7.12"
}

# From generated.tf, one key to a line, with comments.
resource "intercom_rfid_keys" "block7_12" {
  address           = "10.0.7.12"
  delete_on_destroy = false
  exclusive         = false # keys enrolled at the panel from now on are left alone
  keys = {
    "04A1B2C3" = { apartment = 0, lock_access = 0, scene = 0, type = 0 }  # the caretaker's
    "AB752589" = { apartment = 13, lock_access = 0, scene = 0, type = 0 } # handed out by the company
    "DDCCBBAA" = { apartment = 31, lock_access = 0, scene = 0, type = 0 } # enrolled by a resident
  }
}

# From generated.tf, with the codes filled in from the variable.
resource "intercom_access_codes" "block7_12" {
  address           = "10.0.7.12"
  delete_on_destroy = false
  exclusive         = false
  codes = {
    "flat-12-1" = { code = var.entry_codes["flat-12-1"], apartment = 12, special_mode = 0, type = 0 }
    "flat-12-2" = { code = var.entry_codes["flat-12-2"], apartment = 12, special_mode = 0, type = 0 }
    "flat-31-1" = { code = var.entry_codes["flat-31-1"], apartment = 31, special_mode = 0, type = 0 }
  }
}
