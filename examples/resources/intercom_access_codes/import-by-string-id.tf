# Adopt the entry codes already on the panel at 10.0.0.5: every one of them
# is then managed, labelled flat-<apartment>-<n> in code order, so list them
# all under those labels (terraform plan -generate-config-out writes the
# list, with each code left as null for you to fill in). The ID is the
# panel's address, as for `terraform import`.
import {
  to = intercom_access_codes.lobby
  id = "10.0.0.5"
}
