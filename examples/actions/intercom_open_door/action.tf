# Open the gate's door once, from a runbook or after commissioning
# (Terraform 1.14 or later):
#   terraform apply -invoke=action.intercom_open_door.gate
# Plans and applies of the configuration never open it by themselves.
action "intercom_open_door" "gate" {
  config {
    address = "10.0.0.5"
    door    = 1
  }
}
