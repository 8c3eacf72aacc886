# The flats of the provider's default panel, keyed by flat number. An
# attribute left out of a flat takes its default (analog and VoIP calls
# allowed, addresses 0), so most flats are one line. Flats on the panel that
# this map does not list are left alone (exclusive = false, the default);
# removing a flat from the map deletes it from the panel.
resource "intercom_apartments" "lobby" {
  apartments = {
    "1"  = {}
    "2"  = {}
    "12" = { voip_address = "sip:flat12@pbx.example.net" }
    "40" = { type = 2, analog_calls = false, voip_address = "sip:office40@pbx.example.net" } # an office, VoIP only
  }
}
