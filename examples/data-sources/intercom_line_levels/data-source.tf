# Read a panel's line state levels without managing them.
data "intercom_line_levels" "lobby" {
  address = "10.0.0.5"
}

output "lobby_line_levels" {
  value = {
    talk   = data.intercom_line_levels.lobby.talk_level
    unlock = data.intercom_line_levels.lobby.unlock_level
    hung   = data.intercom_line_levels.lobby.hung_level
  }
}
