variable "panel_address" {
  description = "The panel: 10.0.0.5, 10.0.0.5:8080 or https://gw.example.net:8443/panels/17."
  type        = string
}

variable "sip_user" {
  description = "The SIP user the panel registers as."
  type        = string
}

variable "sip_password" {
  description = "The SIP password. Set it outside version control: TF_VAR_sip_password."
  type        = string
  sensitive   = true
}

variable "service_codes" {
  description = "The service codes typed at the panel's keypad, as quoted strings of digits (leading zeros are kept). Set them outside version control: TF_VAR_service_codes='{open_door=\"...\",...}'."
  type = object({
    open_door   = string
    auto_enroll = string
    test_menu   = string
  })
  sensitive = true
}

variable "dtmf_open_door_code" {
  description = "The code a SIP caller keys in to open the door, as a quoted string of digits. Set it outside version control: TF_VAR_dtmf_open_door_code."
  type        = string
  sensitive   = true
}

variable "time_zone" {
  description = "A time zone exactly as the panel lists it (see the intercom_time_zones data source), such as UTC0 or RussianStandardTime-3."
  type        = string
  default     = "RussianStandardTime-3"
}

variable "syslog_server" {
  description = "The site's syslog server, as IPv4:port."
  type        = string
  default     = "192.168.100.10:514"
}
