data "intercom_doors" "lobby" {
  address = "10.0.0.5"
}

output "open_doors" {
  value = [for d in data.intercom_doors.lobby.doors : d.id if d.open]
}
