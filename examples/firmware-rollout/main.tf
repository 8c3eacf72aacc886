# A canary firmware rollout over a fleet (Terraform 1.14 or later).
#
# Every panel of var.panels has an update action; nothing runs at plan or
# apply. Invoke the canaries first, check them, then the rest:
#
#   terraform apply -invoke='action.intercom_firmware_update.cpu["lobby"]'
#   # check the lobby panel: calls, doors, SIP registration
#   terraform apply -parallelism=5 \
#     -invoke='action.intercom_firmware_update.cpu["gate"]' \
#     -invoke='action.intercom_firmware_update.cpu["garage"]'
#
# -parallelism bounds how many panels update at once. A panel that fails in
# the middle stops only its own action: the panels done before it report the
# new version, those not invoked yet are untouched, and invoking the whole
# list again updates only the panels still behind (expect_version).
terraform {
  required_version = ">= 1.14.0"
  required_providers {
    intercom = { source = "domofon/intercom" }
  }
}

provider "intercom" {
  # INTERCOM_USERNAME and INTERCOM_PASSWORD hold the credentials.
}

variable "panels" {
  description = "The panels by name, with their addresses."
  type        = map(string)
  default = {
    lobby  = "10.0.0.5"
    gate   = "10.0.0.6"
    garage = "10.0.0.7"
  }
}

variable "cpu_file" {
  description = "The CPU update file (at most 110 MiB)."
  type        = string
  default     = "firmware/intercom-cpu-0.4.8.upd"
}

variable "cpu_version" {
  description = "The version the CPU must report afterwards, as firmware/version shows it."
  type        = string
  default     = "V0.4.8 build 2026.06.01"
}

action "intercom_firmware_update" "cpu" {
  for_each = var.panels
  config {
    address        = each.value
    chip           = "cpu"
    file           = var.cpu_file
    expect_version = var.cpu_version
  }
}
