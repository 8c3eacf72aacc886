variable "service_codes" {
  description = "The panel's service codes, as quoted strings of digits so that leading zeros are kept."
  type = object({
    open_door = string
    test_menu = string
  })
  sensitive = true
}

# The service codes of the provider's default panel. Left out,
# auto_enroll_code and keep_open_code are not managed: Terraform leaves them
# as the panel has them.
resource "intercom_service_codes" "lobby" {
  open_door_code = var.service_codes.open_door
  test_menu_code = var.service_codes.test_menu
}
