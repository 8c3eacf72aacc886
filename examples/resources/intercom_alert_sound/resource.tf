# The lobby panel's alert recording: a WAV file of at most 1 MiB, ideally
# PCM 16-bit mono 16 kHz. A new file under the same name is a change of
# source_sha256 in the plan, and apply uploads it.
resource "intercom_alert_sound" "lobby" {
  address = "10.0.0.5"
  source  = "${path.module}/sounds/evacuate.wav"
}
