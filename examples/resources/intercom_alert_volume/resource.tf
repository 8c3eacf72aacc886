# Emergency alerts on the provider's default panel: loud by day, quieter at
# night. Every attribute is set here; any left out would not be managed,
# and Terraform would leave it as the panel has it.
resource "intercom_alert_volume" "lobby" {
  volume           = 80 # 0 to 100
  night_volume     = 30 # 0 to 100, inside the schedule window
  schedule_enabled = true
  schedule         = "22:00 - 07:00"
}
