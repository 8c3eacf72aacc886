# Restart the panel whenever its SIP account changes, and wait until it
# answers again (Terraform 1.14 or later). Run it on its own with
# `terraform apply -invoke=action.intercom_reboot.lobby`.
action "intercom_reboot" "lobby" {
  config {
    address = "10.0.0.5"
    timeout = "3m" # 5m when left out
  }
}

variable "sip_password" {
  type      = string
  sensitive = true
}

resource "intercom_sip_config" "lobby" {
  address  = "10.0.0.5"
  user     = "7049a52d1dea"
  password = var.sip_password
  domain   = "27167.kazoo.example.net"

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.intercom_reboot.lobby]
    }
  }
}
