# Adopt the emergency alert volume already on the panel at 10.0.0.5.
# The ID is the panel's address, as for `terraform import`.
import {
  to = intercom_alert_volume.lobby
  id = "10.0.0.5"
}
