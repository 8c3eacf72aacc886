variable "dtmf_open_door_code" {
  description = "The DTMF code that opens the door, as a quoted string of digits."
  type        = string
  sensitive   = true
}

# How a SIP caller opens the door of the provider's default panel from the
# keypad.
resource "intercom_dtmf" "lobby" {
  open_door_code = var.dtmf_open_door_code
  method         = "rfc2833" # or "sip-info"
}
