# Start an alert on the lobby panel's speaker with the uploaded recording,
# for ten minutes, and stop it early if need be (Terraform 1.14 or later):
#   terraform apply -invoke=action.intercom_emergency_alert.evacuate
#   terraform apply -invoke=action.intercom_emergency_alert.all_clear
# While it plays, the keypad is disabled (no calls); keys still open doors.
action "intercom_emergency_alert" "evacuate" {
  config {
    address    = "10.0.0.5"
    alert_type = "speaker"
    sound      = "uploaded" # intercom_alert_sound's recording; "builtin" when left out
    timeout    = 600        # seconds; 0 plays until stopped
  }
}

# One flat's handset instead of the speaker.
action "intercom_emergency_alert" "flat_12" {
  config {
    address    = "10.0.0.5"
    alert_type = "flat"
    flat       = 12
    timeout    = 60
  }
}

action "intercom_emergency_alert" "all_clear" {
  config {
    address = "10.0.0.5"
    stop    = true
  }
}
