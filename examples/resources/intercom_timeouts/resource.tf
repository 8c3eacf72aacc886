# The door and call timeouts of the provider's default panel, in
# milliseconds. Attributes left out (talk_ms, return_to_idle_ms and
# default_ms here) are not managed: Terraform leaves them as the panel has
# them.
resource "intercom_timeouts" "lobby" {
  door_open_ms = 7000  # the lock stays open 7 s after entry
  call_ms      = 30000 # a call may ring for 30 s
}
