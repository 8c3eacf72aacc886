variable "panel" {
  description = "The panel: its address exactly as the site's provider `panels` key writes it, its SIP account, the settings this fleet decides, and the flats, RFID keys (UID => flat, 0 for none) and entry-code labels (label => flat) it manages."
  type = object({
    address      = string
    sip_user     = string
    sip_domain   = optional(string, "pbx.example.net")
    door_open_ms = optional(number, 7000)
    ntp_servers  = optional(list(string), ["0.ru.pool.ntp.org", "1.ru.pool.ntp.org"])
    time_zone    = optional(string, "RussianStandardTime-3")
    apartments = optional(map(object({
      type         = optional(number)
      analog_calls = optional(bool)
      voip_calls   = optional(bool)
      voip_address = optional(string)
    })), {})
    rfid_keys    = optional(map(object({ apartment = optional(number) })), {})
    access_codes = optional(map(number), {})
  })
}

variable "secrets" {
  description = "The panel's secrets: its SIP password (null sets it empty, as intercom_sip_config does for an unset password), and the digits of each entry code by the labels of var.panel.access_codes."
  type = object({
    sip_password = optional(string)
    access_codes = optional(map(string), {})
  })
  default   = {}
  sensitive = true
}
