# Time synchronisation of the provider's default panel. time_zone must be
# written exactly as the panel lists it (the intercom_time_zones data
# source reads the list); it is checked before anything is sent. Left out,
# refresh_minutes is not managed: Terraform leaves it as the panel has it.
resource "intercom_ntp" "lobby" {
  enabled         = true
  servers         = ["0.ru.pool.ntp.org", "1.ru.pool.ntp.org"]
  time_zone       = "RussianStandardTime-3"
  daylight_saving = false
}
