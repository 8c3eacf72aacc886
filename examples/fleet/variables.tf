variable "panels" {
  description = "The panels, by name: where each one is and the SIP account it registers."
  type = map(object({
    address          = string
    user             = string
    domain           = optional(string, "pbx.example.net")
    proxy            = optional(string, "")
    protocol         = optional(string, "udp")
    port             = optional(number, 5060)
    reset_on_destroy = optional(bool, false)
  }))
}

variable "sip_passwords" {
  description = "The SIP password of each panel, keyed like var.panels. Set it outside version control, e.g. TF_VAR_sip_passwords='{\"block-a-lobby\":\"...\"}'."
  type        = map(string)
  sensitive   = true
}
