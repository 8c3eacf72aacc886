# Read a panel's special modes without managing them: 0 is off, anything
# else keeps the door open.
data "intercom_special_modes" "lobby" {
  address = "10.0.0.5"
}

output "lobby_door_kept_open" {
  value = data.intercom_special_modes.lobby.permanent_lock_open != 0
}
