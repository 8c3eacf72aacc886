# What the panel says about itself: an inventory of a fleet's firmware.
data "intercom_device_info" "lobby" {
  address = "10.0.0.5"
}

output "lobby_firmware" {
  value = "${data.intercom_device_info.lobby.cpu_firmware} / ${data.intercom_device_info.lobby.mcu_firmware}"
}
