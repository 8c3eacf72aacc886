# Read a panel's time settings without managing them.
data "intercom_ntp" "lobby" {
  address = "10.0.0.5"
}

output "lobby_time_zone" {
  value = data.intercom_ntp.lobby.time_zone
}
