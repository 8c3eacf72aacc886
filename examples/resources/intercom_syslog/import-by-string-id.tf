# Adopt the syslog settings already on the panel at 10.0.0.5.
# The ID is the panel's address, as for `terraform import`.
import {
  to = intercom_syslog.lobby
  id = "10.0.0.5"
}
