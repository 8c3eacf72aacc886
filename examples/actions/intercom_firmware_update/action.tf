# Update the MCU of one panel, and fail unless it ends on the expected
# version (Terraform 1.14 or later). Run it with
# `terraform apply -invoke=action.intercom_firmware_update.lobby_mcu`.
# A panel that already reports expect_version gets nothing, so running it
# again is safe.
action "intercom_firmware_update" "lobby_mcu" {
  config {
    address        = "10.0.0.5"
    chip           = "mcu" # or "cpu": the panel then restarts
    file           = "firmware/intercom-mcu-3.0.6.upd"
    expect_version = "INTERCOM V3.0.6.0(Jun 02 2026 10:12:44)"
    timeout        = "20m" # 30m when left out
  }
}
