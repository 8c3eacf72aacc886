# The names a panel accepts as intercom_ntp's time_zone.
data "intercom_time_zones" "lobby" {
  address = "10.0.0.5"
}

output "moscow_is_listed" {
  value = contains(data.intercom_time_zones.lobby.names, "RussianStandardTime-3")
}
