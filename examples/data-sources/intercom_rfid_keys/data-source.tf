# Every RFID key of a panel, those residents enrolled at the panel included,
# read with one request.
data "intercom_rfid_keys" "lobby" {
  address = "10.0.0.5"
}

output "lobby_keys_by_flat" {
  value = { for uid, key in data.intercom_rfid_keys.lobby.keys : uid => key.apartment }
}
