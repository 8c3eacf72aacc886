# Every entry code of a panel, read with one request and labelled
# flat-<apartment>-<n> in code order. The codes are sensitive, so any output
# that uses them must be too.
data "intercom_access_codes" "lobby" {
  address = "10.0.0.5"
}

output "lobby_codes" {
  value     = data.intercom_access_codes.lobby.codes
  sensitive = true
}
