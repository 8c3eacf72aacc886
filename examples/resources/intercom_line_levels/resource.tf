# Tune how the provider's default panel reads its analog line: only the two
# values set here are managed. The other seven levels and tolerances are
# left as the panel has them.
resource "intercom_line_levels" "lobby" {
  break_level    = 3500
  hung_tolerance = 450
}
