# Read a panel's service codes without managing them. They are sensitive,
# so any output that uses them must be too.
data "intercom_service_codes" "lobby" {
  address = "10.0.0.5"
}

output "lobby_open_door_code" {
  value     = data.intercom_service_codes.lobby.open_door_code
  sensitive = true
}
