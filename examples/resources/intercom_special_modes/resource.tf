# Make sure no mode keeps the lobby door permanently open (0 is off). Left
# out, all_keys_open is not managed: Terraform leaves it as the panel has
# it.
resource "intercom_special_modes" "lobby" {
  permanent_lock_open = 0
}
