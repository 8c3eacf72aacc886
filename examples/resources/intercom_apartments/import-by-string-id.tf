# Adopt the flats already on the panel at 10.0.0.5: every one of them is
# then managed, so list them all (terraform plan -generate-config-out writes
# the list). The ID is the panel's address, as for `terraform import`.
import {
  to = intercom_apartments.lobby
  id = "10.0.0.5"
}
