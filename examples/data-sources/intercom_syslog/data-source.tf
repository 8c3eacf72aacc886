# Read where a panel sends its event log without managing it.
data "intercom_syslog" "lobby" {
  address = "10.0.0.5"
}

output "lobby_syslog_server" {
  value = data.intercom_syslog.lobby.server
}
