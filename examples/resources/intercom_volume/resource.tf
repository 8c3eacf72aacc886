# Speaker and microphone levels of the provider's default panel. Left out,
# speaker_gain is not managed: Terraform leaves it as the panel has it.
resource "intercom_volume" "lobby" {
  panel_volume    = 60 # 1 to 100
  line_volume     = 40 # 1 to 100
  microphone_gain = 3  # 0 to 7
}
