# Read a panel's heating thresholds without managing them.
data "intercom_heating" "lobby" {
  address = "10.0.0.5"
}

output "lobby_heater_band" {
  value = "${data.intercom_heating.lobby.heat_on_temperature} to ${data.intercom_heating.lobby.heat_off_temperature} °C"
}
