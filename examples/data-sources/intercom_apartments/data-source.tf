# Every flat of a panel, read with one request. Panels list flats slowly
# (about 8 s per 100): the provider's list_timeout bounds the read.
data "intercom_apartments" "lobby" {
  address = "10.0.0.5"
}

output "lobby_voip_flats" {
  value = [for number, flat in data.intercom_apartments.lobby.apartments : number if flat.voip_calls]
}
