# Find every panel of block 7 and the temperatures that switch its heater,
# for `terraform query -generate-config-out=panels.tf` (Terraform 1.14+).
list "intercom_heating" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr = "10.0.7.0/24"
  }
}
