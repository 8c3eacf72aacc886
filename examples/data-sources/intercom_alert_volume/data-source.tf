# Read a panel's emergency alert volume without managing it.
data "intercom_alert_volume" "lobby" {
  address = "10.0.0.5"
}

output "lobby_alert_volume" {
  value = {
    day          = data.intercom_alert_volume.lobby.volume
    night        = data.intercom_alert_volume.lobby.night_volume
    night_window = data.intercom_alert_volume.lobby.schedule
  }
}
