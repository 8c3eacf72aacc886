# The site's address range and the panels' port, given on the command line.
variable "cidr" {
  type = string
}

variable "port" {
  type    = number
  default = 80
}

# limit: at most 1,024 panels per range (a list block stops at 100 by
# default). The three resources modules/panel manages per panel.
list "intercom_sip_config" "site" {
  provider         = intercom
  include_resource = true
  limit            = 1024

  config {
    cidr = var.cidr
    port = var.port
  }
}

list "intercom_timeouts" "site" {
  provider         = intercom
  include_resource = true
  limit            = 1024

  config {
    cidr = var.cidr
    port = var.port
  }
}

list "intercom_ntp" "site" {
  provider         = intercom
  include_resource = true
  limit            = 1024

  config {
    cidr = var.cidr
    port = var.port
  }
}
