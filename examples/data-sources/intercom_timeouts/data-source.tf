# Read a panel's door and call timeouts without managing them.
data "intercom_timeouts" "lobby" {
  address = "10.0.0.5"
}

output "lobby_door_open_seconds" {
  value = data.intercom_timeouts.lobby.door_open_ms / 1000
}
