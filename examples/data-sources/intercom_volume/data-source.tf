# Read a panel's speaker and microphone levels without managing them.
data "intercom_volume" "lobby" {
  address = "10.0.0.5"
}

output "lobby_volume" {
  value = "panel ${data.intercom_volume.lobby.panel_volume}, line ${data.intercom_volume.lobby.line_volume}"
}
