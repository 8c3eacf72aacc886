# Read what a panel's display says without managing it.
data "intercom_display_texts" "lobby" {
  address = "10.0.0.5"
}

output "lobby_idle_text" {
  value = trimspace(data.intercom_display_texts.lobby.idle)
}
