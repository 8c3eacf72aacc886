# A fleet whose panels have their own admin passwords, kept out of the
# configuration: the map comes from a sensitive variable (or a secrets
# data source). A panel uses the entry with the longest key that is its
# address or lies above it; the rest use username and password. Shown here
# as a second configuration, which resources choose with
# `provider = intercom.fleet`; in a fleet's own root module it is usually
# the only one, without the alias.
variable "panel_credentials" {
  type = map(object({
    username = optional(string)
    password = optional(string)
  }))
  sensitive = true
  # e.g. in a *.auto.tfvars kept in a secret store:
  # {
  #   "10.0.1.5"                      = { password = "..." }
  #   "https://gw.example.net/block7" = { username = "block7", password = "..." }
  # }
}

provider "intercom" {
  alias    = "fleet"
  username = "admin"
  panels   = var.panel_credentials

  # A panel that is rebooting or cut off warns instead of failing the
  # plan of the whole fleet, and costs about connect_timeout per attempt.
  unreachable_panels = "warn"
  connect_timeout    = "3s"
}
