# The panel's IPv4 settings as it uses them now (static or DHCP).
data "intercom_network" "lobby" {
  address = "10.0.0.5"
}

output "lobby_ip" {
  value = data.intercom_network.lobby.ipv4_address
}
