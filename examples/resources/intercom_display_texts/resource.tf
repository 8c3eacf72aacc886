# What the display of the provider's default panel says, in any script.
# Texts left out (the other nine) are not managed: Terraform leaves them as
# the panel has them.
resource "intercom_display_texts" "lobby" {
  idle = "ДОБРО ПОЖАЛОВАТЬ"
  call = "ВЫЗОВ"
  open = "ОТКРЫТО"
}
