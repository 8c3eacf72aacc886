# Heat the IP block of the provider's default panel from -20 °C up to
# -10 °C. Left out, the power thresholds are not managed: Terraform leaves
# them as the panel has them.
resource "intercom_heating" "lobby" {
  heat_on_temperature  = -20
  heat_off_temperature = -10
}
